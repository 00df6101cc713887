package io.refundledger.query.analytics;

import io.refundledger.query.common.IdLookups;
import io.refundledger.query.common.ReadModelBatch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per unit of time (a business day, an ISO week or a month: {@code _id} = its label, {@code 2026-11-23},
 * {@code 2026-W48}, {@code 2026-11}), the ids of the cells that hold figures for it ({@code cells} grown with
 * {@code $addToSet}), so a query finds a range's cells by {@code _id} lookups and never scans. A read model whose cell
 * ids follow from the unit and one name (the staff KPIs: {@code 2026-W48|reviewer}) lists those names instead, under a
 * field of its choosing. Adding is idempotent; the unit keeps the highest position that added to it. Additions are
 * deferred to the current {@link ReadModelBatch}: a batch of events writes them in one bulk, one update per unit,
 * before the cells they list.
 */
public final class CellIndex {

    static final String CELLS = "cells";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    /** Looked up on every use: the collection of the generation in force (query.rebuild), never kept. */
    private final MongoDatabase database;
    private final String name;
    private final String listField;

    public CellIndex(MongoDatabase database, String name) {
        this(database, name, CELLS);
    }

    /** @param listField the field holding each unit's list ({@value #CELLS} by default) */
    public CellIndex(MongoDatabase database, String name, String listField) {
        this.database = database;
        this.name = name;
        this.listField = listField;
    }

    private MongoCollection<Document> units() {
        return database.getCollection(name);
    }

    public void add(String unit, String cellId, long position) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (batch.writesThrough()) {
            batch.update(units(), unit, Updates.combine(Updates.addToSet(listField, cellId), Updates.max(LAST_APPLIED_POSITION, position)));
            return;
        }
        batch.participant(name, Additions::new).add(unit, cellId, position);
    }

    /**
     * A batch's additions, one update per unit: {@code $addToSet} with {@code $each}, which leaves the list as the
     * additions one by one would. A unit's list grows with the cells of its span (a month's holds thousands of ids),
     * and the embedded server rewrites the whole document for every update of it.
     */
    private final class Additions implements ReadModelBatch.Participant {

        private final Map<String, Set<String>> cellIds = new LinkedHashMap<>();
        private final Map<String, Long> positions = new HashMap<>();

        void add(String unit, String cellId, long position) {
            cellIds.computeIfAbsent(unit, u -> new LinkedHashSet<>()).add(cellId);
            positions.merge(unit, position, Math::max);
        }

        @Override
        public void flush() {
            List<WriteModel<Document>> writes = new ArrayList<>();
            cellIds.forEach((unit, ids) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", unit),
                    Updates.combine(Updates.addEachToSet(listField, new ArrayList<>(ids)), Updates.max(LAST_APPLIED_POSITION, positions.get(unit))),
                    new UpdateOptions().upsert(true))));
            ReadModelBatch.bulkUpserts(units(), writes);
        }
    }

    /** The cell ids listed under these units (labels). */
    public Set<String> cellIdsOf(Collection<String> unitIds) {
        Set<String> cellIds = new LinkedHashSet<>();
        listedUnder(unitIds).values().forEach(cellIds::addAll);
        return cellIds;
    }

    /** Per unit (label) that lists any, what it lists, in the order added; units listing nothing are left out. */
    public Map<String, List<String>> listedUnder(Collection<String> unitIds) {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        IdLookups.inSlices(unitIds, chunk -> units().find(Filters.in("_id", chunk))
                .projection(new Document(listField, 1))
                .forEach(unit -> listed.put(unit.getString("_id"), unit.getList(listField, String.class))));
        return listed;
    }

    public void drop() {
        units().drop();
    }
}
