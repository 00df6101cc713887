package io.refundledger.query.common;

import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
                            GeneratedHistory.BUSINESS_ZONE), Duration.ofDays(3)), store::prefetch);
                }, RefundProgressStore.FLUSH_ORDER),
                new Case(AuditHistoryProjection.PROCESSING_GROUP, database -> new Built(new AuditHistoryProjection(
                        new AuditHistoryStore(database)), ids -> { }), AuditHistoryStore.FLUSH_ORDER),
                new Case(OrderRefundsProjection.PROCESSING_GROUP, database -> {
                    OrderRefundsStore store = new OrderRefundsStore(database);
                    return new Built(new OrderRefundsProjection(store), store::prefetch);
                }, OrderRefundsStore.FLUSH_ORDER),
                new Case(StaffKpiProjection.PROCESSING_GROUP, database -> {
                    StaffKpiStore store = new StaffKpiStore(database);
                    return new Built(new StaffKpiProjection(store, GeneratedHistory.BUSINESS_ZONE.getId()), store::prefetch);
                }, StaffKpiStore.FLUSH_ORDER),
                new Case(FinanceReportsProjection.PROCESSING_GROUP, database -> {
                    FinanceReportsStore store = new FinanceReportsStore(database);
                    return new Built(new FinanceReportsProjection(store, new UnpaidQueueStore(database),
                            new PayoutListsStore(database), GeneratedHistory.BUSINESS_ZONE.getId()), store::prefetch);
                }, FinanceReportsStore.FLUSH_ORDER),
                new Case(SubscriptionStatusProjection.PROCESSING_GROUP, database -> {
                    SubscriptionStatusStore store = new SubscriptionStatusStore(database);
                    return new Built(new SubscriptionStatusProjection(store, new MongoPersonalDataVault(database,
                            Clock.systemUTC()), GeneratedHistory.BUSINESS_ZONE), store::prefetch);
                }, SubscriptionStatusStore.FLUSH_ORDER),
                new Case(AccountBalanceProjection.PROCESSING_GROUP, database -> {
                    AccountBalanceStore store = new AccountBalanceStore(database);
                    return new Built(new AccountBalanceProjection(store), store::prefetch);
                }, AccountBalanceStore.FLUSH_ORDER),
                new Case(RefundAnalyticsProjection.PROCESSING_GROUP, database -> {
                    RefundAnalyticsStore store = new RefundAnalyticsStore(database);
                    return new Built(new RefundAnalyticsProjection(store, GeneratedHistory.BUSINESS_ZONE), store::prefetch);
                }, RefundAnalyticsStore.FLUSH_ORDER),
                new Case(CancellationAnalyticsProjection.PROCESSING_GROUP, database -> {
                    CancellationAnalyticsStore store = new CancellationAnalyticsStore(database);
                    return new Built(new CancellationAnalyticsProjection(store, GeneratedHistory.BUSINESS_ZONE), store::prefetch);
                }, CancellationAnalyticsStore.FLUSH_ORDER));
    }

    private static List<DomainEventMessage<?>> history;
    private static final Map<String, Map<String, Map<String, ReadModelFingerprints.Fingerprint>>> oneByOne = new HashMap<>();

    @BeforeAll
    static void generate() {
        history = GeneratedHistory.of(4_242).applications(120).subscriptions(60).events();
    }

    /** The projection on its stores, and how its processor reads ahead as a batch starts. */
    record Built(Object projection, Consumer<Set<String>> prefetch) {
    }

    private BatchedDelivery delivery(Case projection, MongoDatabase database) {
        Built built = projection.projection().apply(database);
        return new BatchedDelivery(built.projection(), new ReadModelBatchInterceptor(projection.flushOrder(), built.prefetch()),
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
}
