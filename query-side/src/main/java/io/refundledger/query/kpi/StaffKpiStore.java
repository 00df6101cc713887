package io.refundledger.query.kpi;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.analytics.CellIndex;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.common.IdLookups;
import io.refundledger.query.common.ReadModelBatch;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff KPI read model. Every read is by {@code _id}:
 * <ul>
 *   <li>{@code staff_kpi_day_cells}, {@code staff_kpi_week_cells}, {@code staff_kpi_month_cells}: one
 *   {@link StaffKpiCell} per staff member per business day, ISO week and month ({@code 2026-11-23|reviewer},
 *   {@code 2026-W48|reviewer}, {@code 2026-11|reviewer});</li>
 *   <li>{@code staff_kpi_days}, {@code staff_kpi_weeks}, {@code staff_kpi_months}: per unit ({@code _id} = its label),
 *   the staff with a cell in it ({@code staffIds}, grown with {@code $addToSet}; see {@link CellIndex}), so a range is
 *   read as {@code _id $in [units]} and then {@code _id $in [cells]};</li>
 *   <li>{@code staff_kpi_applications}: the {@link ApplicationTrack} of each application.</li>
 * </ul>
 * Day cells were once stored in {@code staff_kpi_cells} with every duration listed; that collection is no longer read
 * (the cells now have another shape) and may be dropped once the model has been rebuilt.
 */
@Component
public class StaffKpiStore {

    public static final String DAY_CELLS = "staff_kpi_day_cells";
    public static final String WEEK_CELLS = "staff_kpi_week_cells";
    public static final String MONTH_CELLS = "staff_kpi_month_cells";
    public static final String DAYS = "staff_kpi_days";
    public static final String WEEKS = "staff_kpi_weeks";
    public static final String MONTHS = "staff_kpi_months";
    public static final String APPLICATIONS = "staff_kpi_applications";

    /**
     * The unit indexes before the cells they list (a listed cell not written yet is harmless, an unlisted one
     * invisible), the cells before the tracks that record the position: a crash part-way through the flush leaves the
     * tracks behind, so the redelivered batch computes the same credits again and only the cells that missed them take them.
     */
    public static final List<String> FLUSH_ORDER = List.of(DAYS, WEEKS, MONTHS, DAY_CELLS, WEEK_CELLS, MONTH_CELLS,
            APPLICATIONS);

    private static final String STAFF_IDS = "staffIds";
    private static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private final MongoDatabase database;
    private final Map<Granularity, CellIndex> indexes = new EnumMap<>(Granularity.class);

    public StaffKpiStore(MongoDatabase database) {
        this.database = database;
        for (Granularity span : Granularity.values()) {
            indexes.put(span, new CellIndex(database, switch (span) {
                case DAY -> DAYS;
                case WEEK -> WEEKS;
                case MONTH -> MONTHS;
            }, STAFF_IDS));
        }
    }

    // ------------------------------------------------------------------------------------------- applications

    /** Reads these applications' tracks into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(applications(), ids);
    }

    Optional<ApplicationTrack> track(String applicationId) {
        return ReadModelBatch.current().find(applications(), applicationId)
                .map(document -> RecordDocuments.fromDocument(document, ApplicationTrack.class, "applicationId"));
    }

    void save(ApplicationTrack track) {
        ReadModelBatch.current().put(applications(), track.applicationId(), RecordDocuments.toDocument(track, "applicationId"));
    }

    // ------------------------------------------------------------------------------------------- cells

    /** Reads these cells (of any span) into the current batch at once, one lookup per span. */
    void prefetchCells(Collection<StaffCellKey> keys) {
        ReadModelBatch batch = ReadModelBatch.current();
        bySpan(keys).forEach((span, ids) -> batch.prefetch(cells(span), ids));
    }

    /** The cell as the current batch sees it. */
    Optional<StaffKpiCell> cell(StaffCellKey key) {
        ReadModelBatch batch = ReadModelBatch.current();
        Granularity span = key.unit().span();
        if (!batch.writesThrough()) {
            DecodedCells.Pending pending = batch.participant(cellsName(span), DecodedCells::new).pending.get(key.id());
            if (pending != null) {
                return Optional.of(pending.cell);
            }
        }
        return batch.find(cells(span), key.id()).map(d -> toCell(span, d));
    }

    /** The day cell of that staff member on that day. */
    Optional<StaffKpiCell> dayCell(String day, String staffId) {
        return cell(new StaffCellKey(new CellUnit(Granularity.DAY, LocalDate.parse(day)), staffId));
    }

    /** Stored at the end of the batch; in a batch, encoded only then. */
    void save(StaffKpiCell cell) {
        ReadModelBatch batch = ReadModelBatch.current();
        Granularity span = cell.unit().span();
        if (batch.writesThrough()) {
            batch.put(cells(span), cell.key().id(), toDocument(cell));
            return;
        }
        DecodedCells decoded = batch.participant(cellsName(span), DecodedCells::new);
        DecodedCells.Pending pending = decoded.pending.get(cell.key().id());
        if (pending == null) {
            Document document = new Document("_id", cell.key().id()); // filled in as the batch is written
            batch.put(cells(span), cell.key().id(), document);
            decoded.pending.put(cell.key().id(), new DecodedCells.Pending(document, cell));
        } else {
            pending.cell = cell;
        }
    }

    /**
     * A batch's cells, decoded: a busy reviewer's day, week and month cells are changed by most events of a batch, and
     * decoding and encoding their histograms (hundreds of buckets each) at every event would cost more than the rest of
     * the event. A cell saved in the batch is kept here and encoded into the document the batch writes as the batch is
     * flushed, just before the cells themselves (the participant flushes under the collection's name), as
     * {@link io.refundledger.query.analytics.UnitSummaries} does with its entries.
     */
    private static final class DecodedCells implements ReadModelBatch.Participant {

        private static final class Pending {
            private final Document document;
            private StaffKpiCell cell;

            Pending(Document document, StaffKpiCell cell) {
                this.document = document;
                this.cell = cell;
            }
        }

        private final Map<String, Pending> pending = new HashMap<>();

        @Override
        public void flush() {
            pending.values().forEach(p -> p.document.putAll(toDocument(p.cell)));
        }
    }

    /** Lists the staff member under the cell's unit; idempotent. */
    void index(StaffCellKey key, long position) {
        indexes.get(key.unit().span()).add(key.unit().label(), key.staffId(), position);
    }

    /** The cells with these keys that exist, whatever their span: one lookup by {@code _id} per span (in slices). */
    List<StaffKpiCell> cells(Collection<StaffCellKey> keys) {
        List<StaffKpiCell> found = new ArrayList<>();
        bySpan(keys).forEach((span, ids) ->
                found.addAll(IdLookups.findByIds(cells(span), ids, d -> toCell(span, d))));
        return found;
    }

    /** Per unit that has any, the staff with a cell in it: one lookup by {@code _id} per span (in slices). */
    Map<CellUnit, Set<String>> staffIn(Collection<CellUnit> units) {
        Map<CellUnit, Set<String>> staff = new LinkedHashMap<>();
        Map<Granularity, Map<String, CellUnit>> byLabel = new EnumMap<>(Granularity.class);
        units.forEach(unit -> byLabel.computeIfAbsent(unit.span(), s -> new LinkedHashMap<>()).put(unit.label(), unit));
        byLabel.forEach((span, labels) -> indexes.get(span).listedUnder(labels.keySet()).forEach((label, staffIds) ->
                staff.put(labels.get(label), new LinkedHashSet<>(staffIds))));
        return staff;
    }

    /** Every cell of that span as stored (for comparing and testing). */
    List<StaffKpiCell> allCells(Granularity span) {
        return cells(span).find().map(d -> toCell(span, d)).into(new ArrayList<>());
    }

    // ------------------------------------------------------------------------------------------- reset

    public void deleteAll() {
        for (Granularity span : Granularity.values()) {
            cells(span).drop();
            indexes.get(span).drop();
        }
        applications().drop();
    }

    /** The keys' ids per span, each once, in the order given. */
    private static Map<Granularity, Set<String>> bySpan(Collection<StaffCellKey> keys) {
        Map<Granularity, Set<String>> ids = new EnumMap<>(Granularity.class);
        keys.forEach(key -> ids.computeIfAbsent(key.unit().span(), s -> new LinkedHashSet<>()).add(key.id()));
        return ids;
    }

    private MongoCollection<Document> cells(Granularity span) {
        return database.getCollection(cellsName(span));
    }

    private static String cellsName(Granularity span) {
        return switch (span) {
            case DAY -> DAY_CELLS;
            case WEEK -> WEEK_CELLS;
            case MONTH -> MONTH_CELLS;
        };
    }

    private MongoCollection<Document> applications() {
        return database.getCollection(APPLICATIONS);
    }

    // ------------------------------------------------------------------------------------------- mapping

    /**
     * Durations as one string each ({@link Histogram#toCompactString}): a busy month holds a few hundred buckets, and
     * one string element costs the server and the driver far less to decode than a field per bucket.
     */
    static Document toDocument(StaffKpiCell cell) {
        StaffKpiTotals t = cell.totals();
        return new Document("_id", cell.key().id())
                .append("day", cell.unit().start().toString()).append("staffId", cell.staffId())
                .append("handled", t.handled()).append("approved", t.approved()).append("rejected", t.rejected())
                .append("secondApprovals", t.secondApprovals()).append("secondRejections", t.secondRejections())
                .append("reviewTimes", t.reviewTimes().toCompactString())
                .append("endToEndTimes", t.endToEndTimes().toCompactString())
                .append("slaBreaches", t.slaBreaches()).append("informationRequests", t.informationRequests())
                .append("ratingSum", t.ratingSum()).append("ratings", t.ratings()).append("reopened", t.reopened())
                .append(LAST_APPLIED_POSITION, cell.lastAppliedPosition());
    }

    /** @param span the span of the collection it was read from; its {@code day} is the unit's first day */
    static StaffKpiCell toCell(Granularity span, Document d) {
        StaffCellKey key = new StaffCellKey(new CellUnit(span, LocalDate.parse(d.getString("day"))), d.getString("staffId"));
        StaffKpiTotals totals = new StaffKpiTotals(number(d, "handled"), number(d, "approved"), number(d, "rejected"),
                number(d, "secondApprovals"), number(d, "secondRejections"),
                Histogram.fromCompactString(d.getString("reviewTimes")),
                Histogram.fromCompactString(d.getString("endToEndTimes")),
                number(d, "slaBreaches"), number(d, "informationRequests"), number(d, "ratingSum"), number(d, "ratings"),
                number(d, "reopened"));
        return new StaffKpiCell(key, totals, number(d, LAST_APPLIED_POSITION));
    }

    private static long number(Document d, String key) {
        Object value = d.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
