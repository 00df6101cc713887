package io.refundledger.query.analytics.cancellation;

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
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cancellation-reason analytics in MongoDB: per-day cells ({@code analytics_cancellation_cells},
 * {@code _id} = {@code day|reason|plan|product|segment|effect|channel}) and their roll-ups per ISO week
 * ({@code analytics_cancellation_week_cells}, {@code _id} = {@code 2026-W48|reason|…}) and per month
 * ({@code analytics_cancellation_month_cells}, {@code _id} = {@code 2026-11|reason|…}), each with the same fields (its
 * {@code day} is the unit's first day); per unit the ids of its cells ({@code analytics_cancellation_days},
 * {@code analytics_cancellation_weeks}, {@code analytics_cancellation_months}, {@code _id} = the unit's label); per
 * request what it contributes where ({@code analytics_cancellation_requests}, {@code _id} = cancellation id) and per
 * subscription its plan, product and segment ({@code analytics_cancellation_subscriptions}); and per unit its summary
 * ({@code analytics_cancellation_day_summaries}, {@code …_week_summaries}, {@code …_month_summaries}, {@code _id} = the
 * unit's label; see {@link UnitSummaries}): the figures per reason, plan, product, segment, effect and channel, which
 * answer a question without filters in one document per unit. Every read is by {@code _id}.
 *
 * <p>The projection's reads and writes go through the current {@link ReadModelBatch}: a batch of events reads each
 * document once, builds on what earlier events of the batch put, and writes each once at its end, in
 * {@link #FLUSH_ORDER}.
 */
@Component
public class CancellationAnalyticsStore {

    public static final String CELLS = "analytics_cancellation_cells";
    public static final String WEEK_CELLS = "analytics_cancellation_week_cells";
    public static final String MONTH_CELLS = "analytics_cancellation_month_cells";
    public static final String DAYS = "analytics_cancellation_days";
    public static final String WEEKS = "analytics_cancellation_weeks";
    public static final String MONTHS = "analytics_cancellation_months";
    public static final String REQUESTS = "analytics_cancellation_requests";
    public static final String SUBSCRIPTIONS = "analytics_cancellation_subscriptions";
    public static final String DAY_SUMMARIES = "analytics_cancellation_day_summaries";
    public static final String WEEK_SUMMARIES = "analytics_cancellation_week_summaries";
    public static final String MONTH_SUMMARIES = "analytics_cancellation_month_summaries";

    /**
     * Subscription profiles first (nothing records their position but themselves); indexes before the cells they list
     * (a listed cell not written yet is harmless, an unlisted one invisible); the cells and summaries before the
     * request tracks, which record the position: a crash part-way through the flush leaves the tracks behind, so the
     * redelivered batch computes the same changes again and only documents that missed them take them.
     */
    public static final List<String> FLUSH_ORDER = List.of(SUBSCRIPTIONS, DAYS, WEEKS, MONTHS, CELLS, WEEK_CELLS,
            MONTH_CELLS, DAY_SUMMARIES, WEEK_SUMMARIES, MONTH_SUMMARIES, REQUESTS);

    private final MongoDatabase database;
    private final Map<Granularity, CellIndex> indexes = new EnumMap<>(Granularity.class);
    private final UnitSummaries<CancellationTotals> summaries;

    public CancellationAnalyticsStore(MongoDatabase database) {
        this.database = database;
        indexes.put(Granularity.DAY, new CellIndex(database, DAYS));
        indexes.put(Granularity.WEEK, new CellIndex(database, WEEKS));
        indexes.put(Granularity.MONTH, new CellIndex(database, MONTHS));
        summaries = new UnitSummaries<>(database, Map.of(Granularity.DAY, DAY_SUMMARIES, Granularity.WEEK, WEEK_SUMMARIES,
                Granularity.MONTH, MONTH_SUMMARIES),
                CancellationTotals.NONE, CancellationAnalyticsStore::toEntry, CancellationAnalyticsStore::fromEntry);
    }

    /**
     * Reads these subscriptions' profiles into the current batch at once (a subscription event's aggregate is its
     * subscription).
     */
    public void prefetch(Collection<String> subscriptionIds) {
        ReadModelBatch.current().prefetch(subscriptions(), subscriptionIds);
    }

    /** Reads these cancellations' request tracks into the current batch at once. */
    public void prefetchRequests(Collection<String> cancellationIds) {
        ReadModelBatch.current().prefetch(requests(), cancellationIds);
    }

    /**
     * Reads the day, week and month cells of these day cells, and the summaries of the units they fall in, into the
     * current batch at once: the batch would otherwise read each on its own.
     */
    public void prefetchCells(Collection<CancellationCellKey> days) {
        ReadModelBatch batch = ReadModelBatch.current();
        for (Granularity span : Granularity.values()) {
            Set<String> cellIds = new LinkedHashSet<>();
            days.forEach(day -> cellIds.add(day.rolledUpTo(span).idIn(span)));
            batch.prefetch(cells(span), cellIds);
        }
        summaries.prefetch(days.stream().map(CancellationCellKey::date).toList());
    }

    public Optional<SubscriptionProfile> findSubscription(String subscriptionId) {
        return ReadModelBatch.current().find(subscriptions(), subscriptionId)
                .map(d -> RecordDocuments.fromDocument(d, SubscriptionProfile.class, "subscriptionId"));
    }

    public void saveSubscription(SubscriptionProfile profile) {
        ReadModelBatch.current().put(subscriptions(), profile.subscriptionId(), RecordDocuments.toDocument(profile, "subscriptionId"));
    }

    public Optional<CancellationTrack> findRequest(String cancellationId) {
        return ReadModelBatch.current().find(requests(), cancellationId)
                .map(d -> RecordDocuments.fromDocument(d, CancellationTrack.class, "cancellationId"));
    }

    public void saveRequest(CancellationTrack track) {
        ReadModelBatch.current().put(requests(), track.cancellationId(), RecordDocuments.toDocument(track, "cancellationId"));
    }

    /** A day cell. */
    public Optional<CancellationCell> findCell(String cellId) {
        return findCell(Granularity.DAY, cellId);
    }

    /** A cell of that span, by its {@link CancellationCellKey#idIn id in that span}. */
    public Optional<CancellationCell> findCell(Granularity span, String cellId) {
        return ReadModelBatch.current().find(cells(span), cellId).map(CancellationAnalyticsStore::toCell);
    }

    /** Stores a cell of that span; its key's day is the unit's first day. */
    public void saveCell(Granularity span, CancellationCell cell) {
        ReadModelBatch.current().put(cells(span), cell.key().idIn(span), toDocument(span, cell));
    }

    /** Lists the cell under its unit of that span; idempotent. */
    public void indexCell(Granularity span, CancellationCellKey key, long position) {
        indexes.get(span).add(span.label(key.date()), key.idIn(span), position);
    }

    /** The cells of these units (day, week and month cells), found through their indexes: what a question reads. */
    public List<CancellationCell> cellsOf(Collection<CellUnit> units) {
        List<CancellationCell> found = new ArrayList<>();
        for (Granularity span : Granularity.values()) {
            List<String> labels = units.stream().filter(unit -> unit.span() == span).map(CellUnit::label).toList();
            if (!labels.isEmpty()) {
                found.addAll(IdLookups.findByIds(cells(span), indexes.get(span).cellIdsOf(labels),
                        CancellationAnalyticsStore::toCell));
            }
        }
        return found;
    }

    /** Adds one event's changes of day cells (the empty ones left out) to the summaries of their day, week and month. */
    public void addToSummaries(Map<CancellationCellKey, CancellationTotals> dayChanges, long position) {
        List<DayChange<CancellationTotals>> changes = new ArrayList<>(dayChanges.size());
        dayChanges.forEach((key, change) -> {
            if (!change.isEmpty()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (CancellationGroupBy dimension : CancellationGroupBy.values()) {
                    values.put(dimension.summaryField(), dimension.valueOf(key));
                }
                changes.add(new DayChange<>(key.date(), values, change));
            }
        });
        summaries.add(changes, position);
    }

    /** The summaries of these units, with the figures per value of {@code groupBy} and per product. */
    public List<UnitSummary<CancellationTotals>> summariesOf(Collection<CellUnit> units, CancellationGroupBy groupBy) {
        return summaries.of(units, groupBy.summaryField(), CancellationGroupBy.PRODUCT.summaryField());
    }

    /** Every summary of that span as stored. */
    public List<Document> allSummaries(Granularity span) {
        return summaries.all(span);
    }

    /** Every day cell of those days, found through the day index (the source the roll-ups must agree with). */
    public List<CancellationCell> cellsOn(Collection<LocalDate> range) {
        return cellsOf(range.stream().map(day -> new CellUnit(Granularity.DAY, day)).toList());
    }

    /** All day cells, for comparing a rebuilt read model with the live one. */
    public List<CancellationCell> allCells() {
        return allCells(Granularity.DAY);
    }

    /** All cells of that span. */
    public List<CancellationCell> allCells(Granularity span) {
        return cells(span).find().map(CancellationAnalyticsStore::toCell).into(new ArrayList<>());
    }

    public void deleteAll() {
        for (Granularity span : Granularity.values()) {
            cells(span).drop();
            indexes.get(span).drop();
        }
        summaries.drop();
        requests().drop();
        subscriptions().drop();
    }

    private MongoCollection<Document> cells(Granularity span) {
        return database.getCollection(switch (span) {
            case DAY -> CELLS;
            case WEEK -> WEEK_CELLS;
            case MONTH -> MONTH_CELLS;
        });
    }

    private MongoCollection<Document> requests() {
        return database.getCollection(REQUESTS);
    }

    private MongoCollection<Document> subscriptions() {
        return database.getCollection(SUBSCRIPTIONS);
    }

    // ------------------------------------------------------------------------------------------- mapping

    static Document toDocument(Granularity span, CancellationCell cell) {
        CancellationCellKey key = cell.key();
        CancellationTotals t = cell.totals();
        return new Document("_id", key.idIn(span))
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

    /** Figures as a summary entry: short names and nothing stored for zero, since a summary holds many entries. */
    static Document toEntry(CancellationTotals t) {
        Document entry = new Document();
        UnitSummaries.appendNonZero(entry, "rq", t.requested());
        UnitSummaries.appendNonZero(entry, "rf", t.refused());
        UnitSummaries.appendNonZero(entry, "rv", t.revoked());
        UnitSummaries.appendNonZero(entry, "tm", t.terminated());
        UnitSummaries.appendNonZero(entry, "tmDays", t.daysToTerminationTotal());
        UnitSummaries.appendNonEmpty(entry, "tmHist", t.daysToTermination());
        UnitSummaries.appendNonEmpty(entry, "net", t.netRefund());
        return UnitSummaries.appendNonEmpty(entry, "paid", t.refundPaid());
    }

    static CancellationTotals fromEntry(Document e) {
        return new CancellationTotals(UnitSummaries.number(e, "rq"), UnitSummaries.number(e, "rf"),
                UnitSummaries.number(e, "rv"), UnitSummaries.number(e, "tm"), UnitSummaries.number(e, "tmDays"),
                UnitSummaries.histogram(e, "tmHist"), Amounts.fromDocument(e.get("net", Document.class)),
                Amounts.fromDocument(e.get("paid", Document.class)));
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
