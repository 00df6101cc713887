package io.refundledger.query.common;

import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.infrastructure.testing.MutableClock;
import io.refundledger.query.analytics.cancellation.CancellationAnalyticsProjection;
import io.refundledger.query.analytics.cancellation.CancellationAnalyticsStore;
import io.refundledger.query.analytics.refund.RefundAnalyticsProjection;
import io.refundledger.query.analytics.refund.RefundAnalyticsStore;
import io.refundledger.query.audit.AuditHistoryProjection;
import io.refundledger.query.audit.AuditHistoryStore;
import io.refundledger.query.balance.AccountBalanceProjection;
import io.refundledger.query.balance.AccountBalanceStore;
import io.refundledger.query.finance.FinanceReportsProjection;
import io.refundledger.query.finance.FinanceReportsStore;
import io.refundledger.query.finance.PayoutListsStore;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.finance.UnpaidQueueStore;
import io.refundledger.query.kpi.StaffKpiProjection;
import io.refundledger.query.kpi.StaffKpiStore;
import io.refundledger.query.order.OrderRefundsProjection;
import io.refundledger.query.order.OrderRefundsStore;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressProjection;
import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.subscription.SubscriptionStatusProjection;
import io.refundledger.query.subscription.SubscriptionStatusStore;
import io.refundledger.query.testing.BatchedDelivery;
import io.refundledger.query.testing.GeneratedHistory;
import io.refundledger.query.testing.ReadModelFingerprints;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projection that writes in batches ({@link ReadModelBatch}) builds the model it builds event by event, also when
 * a batch fails part-way through its events or its flush, is delivered again, or a reset comes in the middle of one.
 */
class ProjectionsInBatchesTest {

    /** A projection as its processor runs it: built on a database, with its flush order. */
    record Case(String name, Function<MongoDatabase, Built> projection, List<String> flushOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> projections() {
        return Stream.of(
                new Case(RefundProgressProjection.PROCESSING_GROUP, database -> {
                    RefundProgressStore store = new RefundProgressStore(database);
                    return new Built(new RefundProgressProjection(store, new RefundsByStatusStore(database,
                            GeneratedHistory.BUSINESS_ZONE), Duration.ofDays(3)), byAggregate(store::prefetch));
                }, RefundProgressStore.FLUSH_ORDER),
                new Case(AuditHistoryProjection.PROCESSING_GROUP, database -> new Built(new AuditHistoryProjection(
                        new AuditHistoryStore(database)), events -> { }), AuditHistoryStore.FLUSH_ORDER),
                new Case(OrderRefundsProjection.PROCESSING_GROUP, database -> {
                    OrderRefundsProjection projection = new OrderRefundsProjection(new OrderRefundsStore(database));
                    return new Built(projection, projection::readAhead);
                }, OrderRefundsStore.FLUSH_ORDER),
                new Case(StaffKpiProjection.PROCESSING_GROUP, database -> {
                    StaffKpiProjection projection = new StaffKpiProjection(new StaffKpiStore(database),
                            GeneratedHistory.BUSINESS_ZONE.getId());
                    return new Built(projection, projection::readAhead);
                }, StaffKpiStore.FLUSH_ORDER),
                new Case(FinanceReportsProjection.PROCESSING_GROUP, database -> {
                    FinanceReportsProjection projection = new FinanceReportsProjection(new FinanceReportsStore(database),
                            new UnpaidQueueStore(database), new PayoutListsStore(database), GeneratedHistory.BUSINESS_ZONE.getId());
                    return new Built(projection, projection::readAhead);
                }, FinanceReportsStore.FLUSH_ORDER),
                new Case(SubscriptionStatusProjection.PROCESSING_GROUP, database -> {
                    SubscriptionStatusStore store = new SubscriptionStatusStore(database);
                    return new Built(new SubscriptionStatusProjection(store, new MongoPersonalDataVault(database,
                            Clock.systemUTC()), GeneratedHistory.BUSINESS_ZONE), byAggregate(store::prefetch));
                }, SubscriptionStatusStore.FLUSH_ORDER),
                new Case(AccountBalanceProjection.PROCESSING_GROUP, database -> {
                    AccountBalanceProjection projection = new AccountBalanceProjection(new AccountBalanceStore(database));
                    return new Built(projection, projection::readAhead);
                }, AccountBalanceStore.FLUSH_ORDER),
                new Case(RefundAnalyticsProjection.PROCESSING_GROUP, database -> {
                    RefundAnalyticsProjection projection = new RefundAnalyticsProjection(new RefundAnalyticsStore(database),
                            GeneratedHistory.BUSINESS_ZONE);
                    return new Built(projection, projection::readAhead);
                }, RefundAnalyticsStore.FLUSH_ORDER),
                new Case(CancellationAnalyticsProjection.PROCESSING_GROUP, database -> {
                    CancellationAnalyticsProjection projection = new CancellationAnalyticsProjection(
                            new CancellationAnalyticsStore(database), GeneratedHistory.BUSINESS_ZONE);
                    return new Built(projection, projection::readAhead);
                }, CancellationAnalyticsStore.FLUSH_ORDER));
    }

    private static List<DomainEventMessage<?>> history;
    private static final Map<String, Map<String, Map<String, ReadModelFingerprints.Fingerprint>>> oneByOne = new HashMap<>();

    @BeforeAll
    static void generate() {
        history = GeneratedHistory.of(4_242).applications(120).subscriptions(60).events();
    }

    /** The projection on its stores, and how its processor reads ahead as a batch starts. */
    record Built(Object projection, Consumer<BatchEvents> readAhead) {
    }

    private static Consumer<BatchEvents> byAggregate(Consumer<Collection<String>> prefetch) {
        return events -> prefetch.accept(events.aggregateIds());
    }

    private BatchedDelivery delivery(Case projection, MongoDatabase database) {
        Built built = projection.projection().apply(database);
        return new BatchedDelivery(built.projection(), new ReadModelBatchInterceptor(projection.flushOrder(), built.readAhead()),
                history);
    }

    /** The model built event by event, outside any batch, once per projection. */
    private Map<String, Map<String, ReadModelFingerprints.Fingerprint>> reference(Case projection) {
        return oneByOne.computeIfAbsent(projection.name(), name -> {
            MongoDatabase database = EventFeed.freshDatabase();
            delivery(projection, database).deliverOneByOne();
            Map<String, Map<String, ReadModelFingerprints.Fingerprint>> model = fingerprints(database);
            assertThat(model.values().stream().mapToInt(Map::size).sum()).as("documents of " + name).isGreaterThan(100);
            return model;
        });
    }

    private static Map<String, Map<String, ReadModelFingerprints.Fingerprint>> fingerprints(MongoDatabase database) {
        return ReadModelFingerprints.of(database, name -> !ReadModelFingerprints.NOT_READ_MODELS.contains(name));
    }

    private void assertBuiltAsEventByEvent(Case projection, MongoDatabase database) {
        ReadModelFingerprints.Comparison comparison = ReadModelFingerprints.compare(reference(projection), fingerprints(database));
        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.documents()).isGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void batchesOfAnySizeBuildWhatEventByEventBuilds(Case projection) {
        for (int size : new int[] {1, 7, 64, 500}) {
            MongoDatabase database = EventFeed.freshDatabase();
            assertThat(delivery(projection, database).deliverRest(size, BatchedDelivery.never())).isTrue();
            assertBuiltAsEventByEvent(projection, database);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aBatchThatFailsPartWayThroughItsEventsWritesNothingAndIsDeliveredAgain(Case projection) {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = delivery(projection, database);

        assertThat(delivery.deliverRest(64, delivery.once(64 * 3 + 40))).isFalse();
        assertThat(delivery.stored()).isEqualTo(64 * 3);
        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();

        assertBuiltAsEventByEvent(projection, database);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aCrashBeforeAnyBulkWriteOfTheFlushIsRepairedByDeliveringTheBatchAgain(Case projection) {
        int crashes = 0;
        for (int failing = 1; ; failing++) {
            MongoDatabase real = EventFeed.freshDatabase();
            AtomicInteger countdown = new AtomicInteger();
            BatchedDelivery delivery = delivery(projection, BatchedDelivery.failingBulkWrite(real, countdown));
            assertThat(delivery.deliverBatch(100, BatchedDelivery.never())).isTrue();

            countdown.set(failing);
            if (delivery.deliverBatch(150, BatchedDelivery.never())) {
                break; // the flush has fewer bulk writes than this: every one of them has been crashed before
            }
            crashes++;
            assertThat(delivery.stored()).isEqualTo(100);
            assertThat(delivery.deliverRest(150, BatchedDelivery.never())).isTrue();
            assertBuiltAsEventByEvent(projection, real);
        }
        // At least a side document's bulk and the views' bulk; a batch need not touch every collection.
        assertThat(crashes).as("bulk writes in one flush").isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aWholeBatchDeliveredAgainChangesNothing(Case projection) {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = delivery(projection, database);
        assertThat(delivery.deliverBatch(200, BatchedDelivery.never())).isTrue();
        assertThat(delivery.deliverBatch(200, BatchedDelivery.never())).isTrue();

        delivery.rewindTo(100); // the token of the second batch was lost: its events and half the first come again
        assertThat(delivery.deliverRest(300, BatchedDelivery.never())).isTrue();

        assertBuiltAsEventByEvent(projection, database);
    }

    /**
     * Two workers on one segment, as when a claim lapses while its holder is still busy (the database was down): the
     * holder has read what its batch needs; the worker that took the segment over then delivers that batch and every
     * event after it; only then does the holder write. Its late writes must change nothing. The soak found a payout
     * put back on its STARTED list this way.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aWorkerWhoseClaimLapsedWritesItsBatchLateAndUndoesNothingOfTheWorkerThatTookOver(Case projection) {
        MongoDatabase real = EventFeed.freshDatabase();
        BatchedDelivery takenOver = delivery(projection, real);
        AtomicBoolean lapsed = new AtomicBoolean();
        AtomicBoolean overtaken = new AtomicBoolean();
        BatchedDelivery holder = delivery(projection, BatchedDelivery.beforeEachBulkWrite(real, collection -> {
            if (lapsed.get() && overtaken.compareAndSet(false, true)) {
                BatchedDelivery.onAnotherThread(() -> assertThat(takenOver.deliverRest(64, BatchedDelivery.never())).isTrue());
            }
        }));
        assertThat(holder.deliverBatch(100, BatchedDelivery.never())).isTrue();
        takenOver.rewindTo(100); // the token both start from

        lapsed.set(true);
        assertThat(holder.deliverBatch(150, BatchedDelivery.never())).isTrue();

        assertThat(overtaken).isTrue();
        assertThat(takenOver.delivered()).isEqualTo(history.size());
        assertBuiltAsEventByEvent(projection, real);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aResetInTheMiddleOfABatchLeavesNothingOfThatBatchBehind(Case projection) {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = delivery(projection, database);
        assertThat(delivery.deliverBatch(300, BatchedDelivery.never())).isTrue();

        // The processor is stopped in the middle of a batch (its unit of work rolls back) and reset while it is down.
        AtomicInteger seen = new AtomicInteger();
        assertThat(delivery.deliverBatch(300, message -> {
            if (seen.incrementAndGet() == 150) {
                delivery.reset();
                return true;
            }
            return false;
        })).isFalse();
        assertThat(delivery.stored()).isZero();
        assertThat(delivery.deliverRest(250, BatchedDelivery.never())).isTrue();

        assertBuiltAsEventByEvent(projection, database);
    }

    // ------------------------------------------------------------------------------------------- carried batches

    /** A projection whose processor carries batches, on a fresh database. */
    private record Carrying(MongoDatabase database, CarriedBatches carried, BatchedDelivery delivery) {

        boolean carries() {
            return carried.carries(BatchedDelivery.PROCESSOR, 0);
        }

        /** {@code count} batches of 64 events, each committed. */
        void deliverBatches(int count) {
            for (int i = 0; i < count; i++) {
                assertThat(delivery.deliverBatch(64, BatchedDelivery.never())).isTrue();
            }
        }
    }

    /** The carried batches' clock: it moves only when a test says so. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    /**
     * Batches of at most {@code maxEvents} events carried until within 20 positions of the head, which is
     * {@code headBeyondHistory} positions after the history's last event.
     */
    private Carrying carrying(Case projection, int maxEvents, long headBeyondHistory) {
        MongoDatabase database = EventFeed.freshDatabase();
        AtomicLong head = new AtomicLong();
        CarriedBatches carried = new CarriedBatches(maxEvents, 20, head::get, null, clock, Duration.ofSeconds(1), () -> false);
        Built built = projection.projection().apply(database);
        BatchedDelivery delivery = new BatchedDelivery(built.projection(),
                new ReadModelBatchInterceptor(projection.flushOrder(), built.readAhead(), carried), history, carried);
        head.set(delivery.lastPosition() + headBeyondHistory);
        return new Carrying(database, carried, delivery);
    }

    /** Time passes without a unit of work: what a segment carries now counts as idle. */
    private void aSecondPasses() {
        clock.advance(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void batchesCarriedUntilNearTheHeadBuildWhatEventByEventBuilds(Case projection) {
        Carrying carrying = carrying(projection, 1_000_000, 0);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(3);
        assertThat(carrying.carries()).isTrue();
        assertThat(delivery.stored()).as("no token stored while the batch is carried").isZero();
        assertThat(fingerprints(carrying.database()).values().stream().mapToInt(Map::size).sum()).as("documents written")
                .isZero();

        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();
        assertThat(carrying.carries()).isFalse();
        assertThat(delivery.stored()).isEqualTo(delivery.events().size());
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aCarriedBatchIsWrittenOnceItHoldsTheMostEventsItMay(Case projection) {
        Carrying carrying = carrying(projection, 200, 0);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(3);
        assertThat(delivery.stored()).isZero();
        assertThat(delivery.deliverBatch(64, BatchedDelivery.never())).isTrue();
        assertThat(delivery.stored()).isEqualTo(256);
        assertThat(carrying.carries()).isFalse();

        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();
        assertThat(delivery.stored()).isEqualTo(delivery.events().size());
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aFailureWhileABatchIsCarriedDropsItAndItsEventsComeAgainFromTheStoredToken(Case projection) {
        Carrying carrying = carrying(projection, 300, 0);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(7);
        assertThat(delivery.stored()).isEqualTo(320);
        assertThat(carrying.carries()).isTrue();

        assertThat(delivery.deliverBatch(64, delivery.once(7 * 64 + 30))).isFalse();
        assertThat(carrying.carries()).isFalse();
        assertThat(delivery.stored()).isEqualTo(320);
        assertThat(delivery.delivered()).as("the processor starts again from the stored token").isEqualTo(320);

        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aProcessorStoppedWhileItCarriesABatchDeliversItsEventsAgain(Case projection) {
        Carrying carrying = carrying(projection, 300, 0);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(7);
        delivery.restart(); // a crash loses the same: what is carried is in memory only

        assertThat(carrying.carries()).isFalse();
        assertThat(delivery.delivered()).isEqualTo(320);
        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aResetWhileABatchIsCarriedLeavesNothingOfItBehind(Case projection) {
        Carrying carrying = carrying(projection, 300, 0);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(7);

        delivery.reset();

        assertThat(carrying.carries()).isFalse();
        assertThat(delivery.deliverRest(250, BatchedDelivery.never())).isTrue();
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void anIdleProcessorWritesWhatItCarriesAndStoresItsToken(Case projection) {
        // The events after the history are none of this processor's: it goes idle with its batch carried.
        Carrying carrying = carrying(projection, 1_000_000, 1_000);
        BatchedDelivery delivery = carrying.delivery();
        carrying.deliverBatches(3);
        assertThat(delivery.stored()).isZero();

        delivery.idle();
        assertThat(delivery.stored()).as("written only once idle for a while").isZero();
        aSecondPasses();
        delivery.idle();

        assertThat(carrying.carries()).isFalse();
        assertThat(delivery.stored()).isEqualTo(192);
        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();
        aSecondPasses();
        delivery.idle();
        assertThat(delivery.stored()).isEqualTo(delivery.events().size());
        assertBuiltAsEventByEvent(projection, carrying.database());
    }

    /**
     * A batch reads the documents it needs ahead, many ids per lookup, as it starts: a document read on its own costs a
     * round trip, which during a catch-up waits behind every other processor's writes (at 100,000 applications the
     * slowest processors spent nearly all their time so).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void aBatchReadsItsDocumentsAheadInsteadOfOneByOne(Case projection) {
        Map<String, AtomicInteger> alone = new TreeMap<>();
        MongoDatabase database = BatchedDelivery.onEachFind(EventFeed.freshDatabase(), (collection, filter) -> {
            if (filter.containsKey("_id") && !filter.get("_id").isDocument()) {
                alone.computeIfAbsent(collection, c -> new AtomicInteger()).incrementAndGet();
            }
        });
        BatchedDelivery delivery = delivery(projection, database);
        assertThat(delivery.deliverRest(500, BatchedDelivery.never())).isTrue();

        assertThat(delivery.stored()).isGreaterThan(1_000);
        assertThat(alone).as("documents read on their own, per collection").isEmpty();
    }
}
