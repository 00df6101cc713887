package io.refundledger.query.kpi;

import io.refundledger.query.common.ReadModelBatch;
import io.refundledger.query.common.IdLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff KPI read model. Every read is by {@code _id}:
 * <ul>
 *   <li>{@code staff_kpi_cells}: one document per staff member per business day ({@code 2026-11-23|reviewer});</li>
 *   <li>{@code staff_kpi_days}: per day ({@code _id} = {@code 2026-11-23}), the staff with a cell that day, grown
 *   with {@code $addToSet}, so a range is read as {@code _id $in [days]} and then {@code _id $in [cells]};</li>
 *   <li>{@code staff_kpi_applications}: the {@link ApplicationTrack} of each application.</li>
 * </ul>
 */
@Component
public class StaffKpiStore {

    public static final String CELLS = "staff_kpi_cells";
    public static final String DAYS = "staff_kpi_days";
    public static final String APPLICATIONS = "staff_kpi_applications";

    private static final String STAFF_IDS = "staffIds";
    private static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private final MongoDatabase database;

    public StaffKpiStore(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- applications

    /** The day index before the cells it lists, the cells before the tracks that record the position. */
    public static final List<String> FLUSH_ORDER = List.of(DAYS, CELLS, APPLICATIONS);

    /** Reads these applications' tracks into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(applications(), ids);
    }

    /** Reads these day cells ({@link StaffDayCell#idOf}) into the current batch at once. */
    void prefetchCells(Collection<String> cellIds) {
        ReadModelBatch.current().prefetch(cells(), cellIds);
    }

    Optional<ApplicationTrack> track(String applicationId) {
        return ReadModelBatch.current().find(applications(), applicationId)
                .map(document -> RecordDocuments.fromDocument(document, ApplicationTrack.class, "applicationId"));
    }

    void save(ApplicationTrack track) {
        ReadModelBatch.current().put(applications(), track.applicationId(), RecordDocuments.toDocument(track, "applicationId"));
    }

    // ------------------------------------------------------------------------------------------- cells

    Optional<StaffDayCell> cell(String day, String staffId) {
        return ReadModelBatch.current().find(cells(), StaffDayCell.idOf(day, staffId)).map(StaffKpiStore::toCell);
    }

    void save(StaffDayCell cell) {
        ReadModelBatch.current().put(cells(), cell.cellId(), RecordDocuments.toDocument(cell, "cellId"));
    }

    List<StaffDayCell> cells(Collection<String> cellIds) {
        if (cellIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(cells(), cellIds, StaffKpiStore::toCell);
    }

    // ------------------------------------------------------------------------------------------- day index

    /** Atomic and idempotent: adding a staff member twice changes nothing, and the position only grows. */
    void indexDay(String day, String staffId, long position) {
        ReadModelBatch.current().update(days(), day,
                Updates.combine(Updates.addToSet(STAFF_IDS, staffId), Updates.max(LAST_APPLIED_POSITION, position)));
    }

    /** The staff with a cell on each of the days, for the days that have any. */
    Map<String, Set<String>> staffByDay(Collection<String> days) {
        Map<String, Set<String>> staff = new LinkedHashMap<>();
        if (days.isEmpty()) {
            return staff;
        }
        for (Document entry : days().find(Filters.in("_id", days))) {
            staff.put(entry.getString("_id"), new LinkedHashSet<>(entry.getList(STAFF_IDS, String.class)));
        }
        return staff;
    }

    // ------------------------------------------------------------------------------------------- reset

    public void deleteAll() {
        cells().drop();
        days().drop();
        applications().drop();
    }

    private static StaffDayCell toCell(Document document) {
        return RecordDocuments.fromDocument(document, StaffDayCell.class, "cellId");
    }

    private MongoCollection<Document> cells() {
        return database.getCollection(CELLS);
    }

    private MongoCollection<Document> days() {
        return database.getCollection(DAYS);
    }

    private MongoCollection<Document> applications() {
        return database.getCollection(APPLICATIONS);
    }
}
