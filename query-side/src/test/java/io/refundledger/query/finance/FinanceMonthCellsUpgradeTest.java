package io.refundledger.query.finance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.BatchedDelivery;
import io.refundledger.query.testing.GeneratedHistory;
import io.refundledger.query.testing.ReadModelFingerprints;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade from a version without month cells: the finance reports' processor starts on a model that has day cells
 * only, and its first batch completes the months from the days, so the model goes on exactly as if it had always had
 * them, with no replay.
 */
class FinanceMonthCellsUpgradeTest {

    private static final List<DomainEventMessage<?>> HISTORY = GeneratedHistory.of(1_207).applications(150).subscriptions(10).events();

    @Test
    void aModelWithoutMonthCellsDeliveredOnAfterTheUpgradeEqualsOneBuiltWithThemFromTheStart() {
        MongoDatabase reference = EventFeed.freshDatabase();
        delivery(reference).deliverOneByOne();
        MongoDatabase upgraded = EventFeed.freshDatabase();
        int half = HISTORY.size() / 2;
        BatchedDelivery before = delivery(upgraded);
        assertThat(before.deliverBatch(half, event -> false)).isTrue();
        // What the earlier version left: no month cells, no month lists.
        upgraded.getCollection(FinanceReportsStore.MONTH_TOTALS).drop();
        upgraded.getCollection(FinanceReportsStore.MONTHS).drop();

        BatchedDelivery after = delivery(upgraded); // the new version's processor, on a new store
        after.rewindTo(half);
        assertThat(after.deliverRest(64, event -> false)).isTrue();

        ReadModelFingerprints.Comparison comparison = ReadModelFingerprints.compare(model(reference), model(upgraded));
        assertThat(comparison.differences()).isEmpty();
        assertThat(reference.getCollection(FinanceReportsStore.MONTH_TOTALS).countDocuments()).isGreaterThan(1);
    }

    @Test
    void anInstanceOfTheEarlierVersionHoldingTheSegmentDuringARollingUpgradeLeavesNoMonthShort() {
        MongoDatabase reference = EventFeed.freshDatabase();
        delivery(reference).deliverOneByOne();

        assertThat(differencesAfterARollingUpgrade(reference, true, 64)).isEmpty();
        // Live, near the head, a batch is often one event, and such a batch reads nothing ahead.
        assertThat(differencesAfterARollingUpgrade(reference, true, 1)).isEmpty();
        // The test has teeth: with the months completed only once per instance, the middle third is missing from them.
        assertThat(differencesAfterARollingUpgrade(reference, false, 64)).isNotEmpty();
    }

    /**
     * A new instance handles the first third of the history, an instance of the earlier version the second (it writes
     * what this version writes except the month cells and month lists), and the new instance claims the segment again
     * for the rest.
     */
    private static List<String> differencesAfterARollingUpgrade(MongoDatabase reference, boolean checkMonthsOnClaim,
                                                                int restInBatchesOf) {
        MongoDatabase rolling = EventFeed.freshDatabase();
        FinanceReportsStore store = new FinanceReportsStore(rolling);
        CarriedBatches claims = new CarriedBatches(0, 0, () -> 0, null, Clock.systemUTC(), Duration.ofSeconds(3), () -> false);
        if (checkMonthsOnClaim) {
            claims.onClaim(BatchedDelivery.PROCESSOR, store::checkMonthsAgain);
        }
        BatchedDelivery newInstance = delivery(rolling, store, claims);
        int third = HISTORY.size() / 3;
        assertThat(newInstance.deliverBatch(third, BatchedDelivery.never())).isTrue();
        List<Document> monthCells = rolling.getCollection(FinanceReportsStore.MONTH_TOTALS).find().into(new ArrayList<>());
        List<Document> monthLists = rolling.getCollection(FinanceReportsStore.MONTHS).find().into(new ArrayList<>());

        BatchedDelivery earlierVersion = delivery(rolling, new FinanceReportsStore(rolling), null);
        earlierVersion.rewindTo(third);
        assertThat(earlierVersion.deliverBatch(third, BatchedDelivery.never())).isTrue();
        restore(rolling.getCollection(FinanceReportsStore.MONTH_TOTALS), monthCells);
        restore(rolling.getCollection(FinanceReportsStore.MONTHS), monthLists);

        newInstance.rewindTo(2 * third); // claims the segment again, at the earlier version's token
        assertThat(newInstance.deliverRest(restInBatchesOf, BatchedDelivery.never())).isTrue();
        return ReadModelFingerprints.compare(model(reference), model(rolling)).differences();
    }

    private static void restore(MongoCollection<Document> collection, List<Document> documents) {
        collection.drop();
        if (!documents.isEmpty()) {
            collection.insertMany(documents);
        }
    }

    private static BatchedDelivery delivery(MongoDatabase database) {
        return delivery(database, new FinanceReportsStore(database), null);
    }

    private static BatchedDelivery delivery(MongoDatabase database, FinanceReportsStore store, CarriedBatches claims) {
        FinanceReportsProjection projection = new FinanceReportsProjection(store,
                new UnpaidQueueStore(database), new PayoutListsStore(database), GeneratedHistory.BUSINESS_ZONE.getId());
        return new BatchedDelivery(projection, new ReadModelBatchInterceptor(FinanceReportsStore.FLUSH_ORDER,
                projection::readAhead), HISTORY, claims);
    }

    private static Map<String, Map<String, ReadModelFingerprints.Fingerprint>> model(MongoDatabase database) {
        return ReadModelFingerprints.of(database, name -> !ReadModelFingerprints.NOT_READ_MODELS.contains(name));
    }
}
