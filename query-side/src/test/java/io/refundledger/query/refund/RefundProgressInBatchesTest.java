package io.refundledger.query.refund;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.BatchedDelivery;
import io.refundledger.query.testing.GeneratedHistory;
import io.refundledger.query.testing.ReadModelFingerprints;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refund progress and the finance lists written in batches ({@code ReadModelBatch}) equal the same history applied
 * event by event, also when a batch fails part-way through its events or its flush, is delivered twice, or a reset
 * comes in the middle of one.
 */
class RefundProgressInBatchesTest {

    private static List<DomainEventMessage<?>> history;
    private static Map<String, Map<String, ReadModelFingerprints.Fingerprint>> oneByOne;

    @BeforeAll
    static void referenceModel() {
        history = GeneratedHistory.of(4_242).applications(120).subscriptions(12).events();
        MongoDatabase database = EventFeed.freshDatabase();
        new BatchedDelivery(projection(database), RefundProgressStore.FLUSH_ORDER, history).deliverOneByOne();
        oneByOne = fingerprints(database);
        assertThat(oneByOne.get(RefundProgressStore.PROGRESS)).hasSizeGreaterThan(100);
        assertThat(oneByOne.get(RefundsByStatusStore.DAYS)).isNotEmpty();
    }

    private static RefundProgressProjection projection(MongoDatabase database) {
        return new RefundProgressProjection(new RefundProgressStore(database),
                new RefundsByStatusStore(database, GeneratedHistory.BUSINESS_ZONE), Duration.ofDays(3));
    }

    private static Map<String, Map<String, ReadModelFingerprints.Fingerprint>> fingerprints(MongoDatabase database) {
        return ReadModelFingerprints.of(database, name -> !ReadModelFingerprints.NOT_READ_MODELS.contains(name));
    }

    private static void assertEqualsOneByOne(MongoDatabase database) {
        ReadModelFingerprints.Comparison comparison = ReadModelFingerprints.compare(oneByOne, fingerprints(database));
        assertThat(comparison.differences()).isEmpty();
        assertThat(comparison.documents()).isGreaterThan(100);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 7, 64, 500})
    void batchesOfAnySizeGiveTheModelEventByEventGives(int size) {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = new BatchedDelivery(projection(database), RefundProgressStore.FLUSH_ORDER, history);

        assertThat(delivery.deliverRest(size, BatchedDelivery.never())).isTrue();

        assertEqualsOneByOne(database);
    }

    @Test
    void aBatchThatFailsPartWayThroughItsEventsWritesNothingAndIsDeliveredAgain() {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = new BatchedDelivery(projection(database), RefundProgressStore.FLUSH_ORDER, history);

        assertThat(delivery.deliverRest(64, delivery.once(64 * 3 + 40))).isFalse();
        assertThat(delivery.stored()).isEqualTo(64 * 3);
        assertThat(delivery.deliverRest(64, BatchedDelivery.never())).isTrue();

        assertEqualsOneByOne(database);
    }

    @ParameterizedTest(name = "crash before bulk write {0} of the run")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6}) // every bulk write of the flush: order and customer index, buckets, lists, days, views
    void aCrashPartWayThroughTheFlushIsRepairedByDeliveringTheBatchAgain(int failingBulkWrite) {
        MongoDatabase real = EventFeed.freshDatabase();
        AtomicInteger countdown = new AtomicInteger();
        BatchedDelivery delivery = new BatchedDelivery(projection(BatchedDelivery.failingBulkWrite(real, countdown)),
                RefundProgressStore.FLUSH_ORDER, history);
        assertThat(delivery.deliverBatch(100, BatchedDelivery.never())).isTrue();

        countdown.set(failingBulkWrite);
        assertThat(delivery.deliverBatch(150, BatchedDelivery.never())).isFalse();
        assertThat(delivery.stored()).isEqualTo(100);
        assertThat(delivery.deliverRest(150, BatchedDelivery.never())).isTrue();

        assertEqualsOneByOne(real);
    }

    @Test
    void aWholeBatchDeliveredAgainChangesNothing() {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = new BatchedDelivery(projection(database), RefundProgressStore.FLUSH_ORDER, history);
        assertThat(delivery.deliverBatch(200, BatchedDelivery.never())).isTrue();
        assertThat(delivery.deliverBatch(200, BatchedDelivery.never())).isTrue();

        delivery.rewindTo(100); // the token of the second batch was lost: its events and half the first come again
        assertThat(delivery.deliverRest(300, BatchedDelivery.never())).isTrue();

        assertEqualsOneByOne(database);
    }

    @Test
    void aResetInTheMiddleOfABatchLeavesNothingOfThatBatchBehind() {
        MongoDatabase database = EventFeed.freshDatabase();
        BatchedDelivery delivery = new BatchedDelivery(projection(database), RefundProgressStore.FLUSH_ORDER, history);
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

        assertEqualsOneByOne(database);
    }
}
