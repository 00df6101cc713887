package io.refundledger.query.analytics.refund;

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
 * The refund-reason analytics in MongoDB: per-day cells of additive figures ({@code analytics_refund_cells},
 * {@code _id} = {@code day|reason|product|segment|channel}), per day the ids of its cells
 * ({@code analytics_refund_days}, {@code _id} = ISO date) and per application what it contributes where
 * ({@code analytics_refund_applications}, {@code _id} = application id). Every read is by {@code _id}.
 */
@Component
public class RefundAnalyticsStore {

    public static final String CELLS = "analytics_refund_cells";
    public static final String DAYS = "analytics_refund_days";
    public static final String APPLICATIONS = "analytics_refund_applications";

    private final MongoDatabase database;
    private final DayCellIndex days;

    public RefundAnalyticsStore(MongoDatabase database) {
        this.database = database;
        this.days = new DayCellIndex(database.getCollection(DAYS));
    }

    public Optional<RefundApplicationTrack> findApplication(String applicationId) {
        return Optional.ofNullable(applications().find(Filters.eq("_id", applicationId)).first())
                .map(d -> RecordDocuments.fromDocument(d, RefundApplicationTrack.class, "applicationId"));
    }

    public void saveApplication(RefundApplicationTrack track) {
        PositionGuardedWrites.replaceUnlessNewer(applications(), track.applicationId(), RecordDocuments.toDocument(track, "applicationId"));
    }

    public Optional<RefundCell> findCell(String cellId) {
        return Optional.ofNullable(cells().find(Filters.eq("_id", cellId)).first()).map(RefundAnalyticsStore::toCell);
    }

    public void saveCell(RefundCell cell) {
        PositionGuardedWrites.replaceUnlessNewer(cells(), cell.key().id(), toDocument(cell));
    }

    /** Lists the cell under its day; idempotent. */
    public void indexCell(RefundCellKey key, long position) {
        days.add(key.day(), key.id(), position);
    }

    /** Every cell of those days, found through the day index. */
    public List<RefundCell> cellsOn(Collection<LocalDate> range) {
        return IdLookups.findByIds(cells(), days.cellIdsOn(range), RefundAnalyticsStore::toCell);
    }

    /** All cells, for comparing a rebuilt read model with the live one. */
    public List<RefundCell> allCells() {
        return cells().find().map(RefundAnalyticsStore::toCell).into(new ArrayList<>());
    }

    public void deleteAll() {
        cells().drop();
        days.drop();
        applications().drop();
    }

    private MongoCollection<Document> cells() {
        return database.getCollection(CELLS);
    }

    private MongoCollection<Document> applications() {
        return database.getCollection(APPLICATIONS);
    }

    // ------------------------------------------------------------------------------------------- mapping

    static Document toDocument(RefundCell cell) {
        RefundCellKey key = cell.key();
        RefundTotals t = cell.totals();
        return new Document("_id", key.id())
                .append("day", key.day()).append("reason", key.reason()).append("productId", key.productId())
                .append("segment", key.segment()).append("channel", key.channel())
                .append("applications", t.applications()).append("approved", t.approved())
                .append("rejected", t.rejected()).append("withdrawn", t.withdrawn()).append("resolved", t.resolved())
                .append("resolutionSecondsTotal", t.resolutionSecondsTotal())
                .append("resolutionTimes", t.resolutionTimes().toDocument())
                .append("requested", t.requested().toDocument())
                .append("approvedAmounts", t.approvedAmounts().toDocument())
                .append("paid", t.paid().toDocument())
                .append("lastAppliedPosition", cell.lastAppliedPosition());
    }

    static RefundCell toCell(Document d) {
        RefundCellKey key = new RefundCellKey(d.getString("day"), d.getString("reason"), d.getString("productId"),
                d.getString("segment"), d.getString("channel"));
        RefundTotals totals = new RefundTotals(number(d, "applications"), number(d, "approved"), number(d, "rejected"),
                number(d, "withdrawn"), number(d, "resolved"), number(d, "resolutionSecondsTotal"),
                Histogram.fromDocument(d.get("resolutionTimes", Document.class)),
                Amounts.fromDocument(d.get("requested", Document.class)),
                Amounts.fromDocument(d.get("approvedAmounts", Document.class)),
                Amounts.fromDocument(d.get("paid", Document.class)));
        return new RefundCell(key, totals, number(d, "lastAppliedPosition"));
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
