package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.BatchedDelivery;
import io.refundledger.query.testing.GeneratedHistory;
import io.refundledger.query.testing.ReadModelFingerprints;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

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

    private static BatchedDelivery delivery(MongoDatabase database) {
        FinanceReportsProjection projection = new FinanceReportsProjection(new FinanceReportsStore(database),
                new UnpaidQueueStore(database), new PayoutListsStore(database), GeneratedHistory.BUSINESS_ZONE.getId());
        return new BatchedDelivery(projection, new ReadModelBatchInterceptor(FinanceReportsStore.FLUSH_ORDER,
                projection::readAhead), HISTORY);
    }

    private static Map<String, Map<String, ReadModelFingerprints.Fingerprint>> model(MongoDatabase database) {
        return ReadModelFingerprints.of(database, name -> !ReadModelFingerprints.NOT_READ_MODELS.contains(name));
    }
}
