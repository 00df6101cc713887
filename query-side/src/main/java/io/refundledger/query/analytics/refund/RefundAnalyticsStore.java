package io.refundledger.query.analytics.refund;

import io.refundledger.query.common.IdLookups;
import io.refundledger.query.common.ReadModelBatch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.CellIndex;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.analytics.UnitSummaries;
import io.refundledger.query.analytics.UnitSummaries.DayChange;
import io.refundledger.query.analytics.UnitSummaries.UnitSummary;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The refund-reason analytics in MongoDB: per-day cells of additive figures ({@code analytics_refund_cells},
 * {@code _id} = {@code day|reason|product|segment|channel}) and their roll-ups per ISO week
 * ({@code analytics_refund_week_cells}, {@code _id} = {@code 2026-W48|reason|…}) and per month
 * ({@code analytics_refund_month_cells}, {@code _id} = {@code 2026-11|reason|…}), each with the same fields (its
 * {@code day} is the unit's first day); per unit the ids of its cells ({@code analytics_refund_days},
 * {@code analytics_refund_weeks}, {@code analytics_refund_months}, {@code _id} = the unit's label); and per application
 * what it contributes where ({@code analytics_refund_applications}, {@code _id} = application id); and per unit its
 * summary ({@code analytics_refund_day_summaries}, {@code …_week_summaries}, {@code …_month_summaries}, {@code _id} =
 * the unit's label; see {@link UnitSummaries}): the figures per reason, product, segment and channel, which answer a
 * question without filters in one document per unit. Every read is by {@code _id}.
 *
 * <p>The projection's reads and writes go through the current {@link ReadModelBatch}: a batch of events reads each
 * document once, builds on what earlier events of the batch put, and writes each once at its end, in
 * {@link #FLUSH_ORDER}.
 */
@Component
public class RefundAnalyticsStore {

    public static final String CELLS = "analytics_refund_cells";
    public static final String WEEK_CELLS = "analytics_refund_week_cells";
    public static final String MONTH_CELLS = "analytics_refund_month_cells";
    public static final String DAYS = "analytics_refund_days";
    public static final String WEEKS = "analytics_refund_weeks";
    public static final String MONTHS = "analytics_refund_months";
    public static final String APPLICATIONS = "analytics_refund_applications";
    public static final String DAY_SUMMARIES = "analytics_refund_day_summaries";
    public static final String WEEK_SUMMARIES = "analytics_refund_week_summaries";
    public static final String MONTH_SUMMARIES = "analytics_refund_month_summaries";

    /**
     * Indexes before the cells they list (a listed cell not written yet is harmless, an unlisted one invisible); the
     * cells and summaries before the application tracks, which record the position: a crash part-way through the
     * flush leaves the tracks behind, so the redelivered batch computes the same changes again and only documents
     * that missed them take them.
     */
    public static final List<String> FLUSH_ORDER = List.of(DAYS, WEEKS, MONTHS, CELLS, WEEK_CELLS, MONTH_CELLS,
            DAY_SUMMARIES, WEEK_SUMMARIES, MONTH_SUMMARIES, APPLICATIONS);

    private final MongoDatabase database;
    private final Map<Granularity, CellIndex> indexes = new EnumMap<>(Granularity.class);
    private final UnitSummaries<RefundTotals> summaries;

    public RefundAnalyticsStore(MongoDatabase database) {
        this.database = database;
        indexes.put(Granularity.DAY, new CellIndex(database, DAYS));
        indexes.put(Granularity.WEEK, new CellIndex(database, WEEKS));
        indexes.put(Granularity.MONTH, new CellIndex(database, MONTHS));
        summaries = new UnitSummaries<>(database, Map.of(Granularity.DAY, DAY_SUMMARIES, Granularity.WEEK, WEEK_SUMMARIES,
                Granularity.MONTH, MONTH_SUMMARIES),
                RefundTotals.NONE, RefundAnalyticsStore::toEntry, RefundAnalyticsStore::fromEntry);
    }

    /** Reads these applications' tracks into the current batch at once (a refund event's aggregate is its application). */
    public void prefetchApplications(Collection<String> applicationIds) {
        ReadModelBatch.current().prefetch(applications(), applicationIds);
    }

    /**
     * Reads the day, week and month cells of these day cells, and the summaries of the units they fall in, into the
     * current batch at once: the batch would otherwise read each on its own.
     */
    public void prefetchCells(Collection<RefundCellKey> days) {
        ReadModelBatch batch = ReadModelBatch.current();
        for (Granularity span : Granularity.values()) {
            Set<String> cellIds = new LinkedHashSet<>();
            days.forEach(day -> cellIds.add(day.rolledUpTo(span).idIn(span)));
            batch.prefetch(cells(span), cellIds);
        }
        summaries.prefetch(days.stream().map(RefundCellKey::date).toList());
    }

    public Optional<RefundApplicationTrack> findApplication(String applicationId) {
        return ReadModelBatch.current().find(applications(), applicationId)
                .map(d -> RecordDocuments.fromDocument(d, RefundApplicationTrack.class, "applicationId"));
    }

    public void saveApplication(RefundApplicationTrack track) {
        ReadModelBatch.current().put(applications(), track.applicationId(), RecordDocuments.toDocument(track, "applicationId"));
    }

    /** A day cell. */
    public Optional<RefundCell> findCell(String cellId) {
        return findCell(Granularity.DAY, cellId);
    }

    /** A cell of that span, by its {@link RefundCellKey#idIn id in that span}. */
    public Optional<RefundCell> findCell(Granularity span, String cellId) {
        return ReadModelBatch.current().find(cells(span), cellId).map(RefundAnalyticsStore::toCell);
    }

    /** Stores a cell of that span; its key's day is the unit's first day. */
    public void saveCell(Granularity span, RefundCell cell) {
        ReadModelBatch.current().put(cells(span), cell.key().idIn(span), toDocument(span, cell));
    }

    /** Lists the cell under its unit of that span; idempotent. */
    public void indexCell(Granularity span, RefundCellKey key, long position) {
        indexes.get(span).add(span.label(key.date()), key.idIn(span), position);
    }

    /** The cells of these units (day, week and month cells), found through their indexes: what a question reads. */
    public List<RefundCell> cellsOf(Collection<CellUnit> units) {
        List<RefundCell> found = new ArrayList<>();
        for (Granularity span : Granularity.values()) {
            List<String> labels = units.stream().filter(unit -> unit.span() == span).map(CellUnit::label).toList();
            if (!labels.isEmpty()) {
                found.addAll(IdLookups.findByIds(cells(span), indexes.get(span).cellIdsOf(labels), RefundAnalyticsStore::toCell));
            }
        }
        return found;
    }

    /** Adds one event's changes of day cells (the empty ones left out) to the summaries of their day, week and month. */
    public void addToSummaries(Map<RefundCellKey, RefundTotals> dayChanges, long position) {
        List<DayChange<RefundTotals>> changes = new ArrayList<>(dayChanges.size());
        dayChanges.forEach((key, change) -> {
            if (!change.isEmpty()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (RefundGroupBy dimension : RefundGroupBy.values()) {
                    values.put(dimension.summaryField(), dimension.valueOf(key));
                }
                changes.add(new DayChange<>(key.date(), values, change));
            }
        });
        summaries.add(changes, position);
    }

    /** The summaries of these units, with the figures per value of {@code groupBy} and per product. */
    public List<UnitSummary<RefundTotals>> summariesOf(Collection<CellUnit> units, RefundGroupBy groupBy) {
        return summaries.of(units, groupBy.summaryField(), RefundGroupBy.PRODUCT.summaryField());
    }

    /** Every summary of that span as stored. */
    public List<Document> allSummaries(Granularity span) {
        return summaries.all(span);
    }

    /** Every day cell of those days, found through the day index (the source the roll-ups must agree with). */
    public List<RefundCell> cellsOn(Collection<LocalDate> range) {
        return cellsOf(range.stream().map(day -> new CellUnit(Granularity.DAY, day)).toList());
    }

    /** All day cells, for comparing a rebuilt read model with the live one. */
    public List<RefundCell> allCells() {
        return allCells(Granularity.DAY);
    }

    /** All cells of that span. */
    public List<RefundCell> allCells(Granularity span) {
        return cells(span).find().map(RefundAnalyticsStore::toCell).into(new ArrayList<>());
    }

    public void deleteAll() {
        for (Granularity span : Granularity.values()) {
            cells(span).drop();
            indexes.get(span).drop();
        }
        summaries.drop();
        applications().drop();
    }

    private MongoCollection<Document> cells(Granularity span) {
        return database.getCollection(switch (span) {
            case DAY -> CELLS;
            case WEEK -> WEEK_CELLS;
            case MONTH -> MONTH_CELLS;
        });
    }

    private MongoCollection<Document> applications() {
        return database.getCollection(APPLICATIONS);
    }

    // ------------------------------------------------------------------------------------------- mapping

    static Document toDocument(Granularity span, RefundCell cell) {
        RefundCellKey key = cell.key();
        RefundTotals t = cell.totals();
        return new Document("_id", key.idIn(span))
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

    /** Figures as a summary entry: short names and nothing stored for zero, since a summary holds many entries. */
    static Document toEntry(RefundTotals t) {
        Document entry = new Document();
        UnitSummaries.appendNonZero(entry, "n", t.applications());
        UnitSummaries.appendNonZero(entry, "ap", t.approved());
        UnitSummaries.appendNonZero(entry, "rj", t.rejected());
        UnitSummaries.appendNonZero(entry, "wd", t.withdrawn());
        UnitSummaries.appendNonZero(entry, "rs", t.resolved());
        UnitSummaries.appendNonZero(entry, "rsSec", t.resolutionSecondsTotal());
        UnitSummaries.appendNonEmpty(entry, "rsTimes", t.resolutionTimes());
        UnitSummaries.appendNonEmpty(entry, "req", t.requested());
        UnitSummaries.appendNonEmpty(entry, "apAmt", t.approvedAmounts());
        return UnitSummaries.appendNonEmpty(entry, "paid", t.paid());
    }

    static RefundTotals fromEntry(Document e) {
        return new RefundTotals(UnitSummaries.number(e, "n"), UnitSummaries.number(e, "ap"), UnitSummaries.number(e, "rj"),
                UnitSummaries.number(e, "wd"), UnitSummaries.number(e, "rs"), UnitSummaries.number(e, "rsSec"),
                UnitSummaries.histogram(e, "rsTimes"), Amounts.fromDocument(e.get("req", Document.class)),
                Amounts.fromDocument(e.get("apAmt", Document.class)), Amounts.fromDocument(e.get("paid", Document.class)));
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
