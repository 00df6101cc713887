package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.common.PositionGuardedWrites;
import io.refundledger.query.common.IdLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.DayCellIndex;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The cancellation-reason analytics in MongoDB: per-day cells ({@code analytics_cancellation_cells},
 * {@code _id} = {@code day|reason|plan|product|segment|effect|channel}), per day the ids of its cells
 * ({@code analytics_cancellation_days}), per request what it contributes where
 * ({@code analytics_cancellation_requests}, {@code _id} = cancellation id) and per subscription its plan, product
 * and segment ({@code analytics_cancellation_subscriptions}). Every read is by {@code _id}.
 */
@Component
public class CancellationAnalyticsStore {

    public static final String CELLS = "analytics_cancellation_cells";
    public static final String DAYS = "analytics_cancellation_days";
    public static final String REQUESTS = "analytics_cancellation_requests";
    public static final String SUBSCRIPTIONS = "analytics_cancellation_subscriptions";

    private final MongoDatabase database;
    private final DayCellIndex days;

    public CancellationAnalyticsStore(MongoDatabase database) {
        this.database = database;
        this.days = new DayCellIndex(database.getCollection(DAYS));
    }

    public Optional<SubscriptionProfile> findSubscription(String subscriptionId) {
        return Optional.ofNullable(subscriptions().find(Filters.eq("_id", subscriptionId)).first())
                .map(d -> RecordDocuments.fromDocument(d, SubscriptionProfile.class, "subscriptionId"));
    }

    public void saveSubscription(SubscriptionProfile profile) {
        PositionGuardedWrites.replaceUnlessNewer(subscriptions(), profile.subscriptionId(), RecordDocuments.toDocument(profile, "subscriptionId"));
    }

    public Optional<CancellationTrack> findRequest(String cancellationId) {
        return Optional.ofNullable(requests().find(Filters.eq("_id", cancellationId)).first())
                .map(d -> RecordDocuments.fromDocument(d, CancellationTrack.class, "cancellationId"));
    }

    public void saveRequest(CancellationTrack track) {
        PositionGuardedWrites.replaceUnlessNewer(requests(), track.cancellationId(), RecordDocuments.toDocument(track, "cancellationId"));
    }

    public Optional<CancellationCell> findCell(String cellId) {
        return Optional.ofNullable(cells().find(Filters.eq("_id", cellId)).first()).map(CancellationAnalyticsStore::toCell);
    }

    public void saveCell(CancellationCell cell) {
        PositionGuardedWrites.replaceUnlessNewer(cells(), cell.key().id(), toDocument(cell));
    }

    /** Lists the cell under its day; idempotent. */
    public void indexCell(CancellationCellKey key, long position) {
        days.add(key.day(), key.id(), position);
    }

    public List<CancellationCell> cellsOn(Collection<LocalDate> range) {
        return IdLookups.findByIds(cells(), days.cellIdsOn(range), CancellationAnalyticsStore::toCell);
    }

    /** All cells, for comparing a rebuilt read model with the live one. */
    public List<CancellationCell> allCells() {
        return cells().find().map(CancellationAnalyticsStore::toCell).into(new ArrayList<>());
    }

    public void deleteAll() {
        cells().drop();
        days.drop();
        requests().drop();
        subscriptions().drop();
    }

    private MongoCollection<Document> cells() {
        return database.getCollection(CELLS);
    }

    private MongoCollection<Document> requests() {
        return database.getCollection(REQUESTS);
    }

    private MongoCollection<Document> subscriptions() {
        return database.getCollection(SUBSCRIPTIONS);
    }

    // ------------------------------------------------------------------------------------------- mapping

    static Document toDocument(CancellationCell cell) {
        CancellationCellKey key = cell.key();
        CancellationTotals t = cell.totals();
        return new Document("_id", key.id())
                .append("day", key.day()).append("reason", key.reason()).append("planCode", key.planCode())
                .append("productId", key.productId()).append("segment", key.segment()).append("effect", key.effect())
                .append("channel", key.channel())
                .append("requested", t.requested()).append("refused", t.refused()).append("revoked", t.revoked())
                .append("terminated", t.terminated()).append("daysToTerminationTotal", t.daysToTerminationTotal())
                .append("daysToTermination", t.daysToTermination().toDocument())
                .append("netRefund", t.netRefund().toDocument())
                .append("refundPaid", t.refundPaid().toDocument())
                .append("lastAppliedPosition", cell.lastAppliedPosition());
    }

    static CancellationCell toCell(Document d) {
        CancellationCellKey key = new CancellationCellKey(d.getString("day"), d.getString("reason"), d.getString("planCode"),
                d.getString("productId"), d.getString("segment"), d.getString("effect"), d.getString("channel"));
        CancellationTotals totals = new CancellationTotals(number(d, "requested"), number(d, "refused"),
                number(d, "revoked"), number(d, "terminated"), number(d, "daysToTerminationTotal"),
                Histogram.fromDocument(d.get("daysToTermination", Document.class)),
                Amounts.fromDocument(d.get("netRefund", Document.class)),
                Amounts.fromDocument(d.get("refundPaid", Document.class)));
        return new CancellationCell(key, totals, number(d, "lastAppliedPosition"));
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
