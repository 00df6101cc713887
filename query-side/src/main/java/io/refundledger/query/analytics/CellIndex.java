package io.refundledger.query.analytics;

import io.refundledger.query.common.IdLookups;
import io.refundledger.query.common.ReadModelBatch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Per unit of time (a business day, an ISO week or a month: {@code _id} = its label, {@code 2026-11-23},
 * {@code 2026-W48}, {@code 2026-11}), the ids of the cells that hold figures for it ({@code cells} grown with
 * {@code $addToSet}), so a query finds a range's cells by {@code _id} lookups and never scans. Adding is idempotent;
 * the unit keeps the highest position that added to it. Additions are blind updates of the current
 * {@link ReadModelBatch}: a batch of events writes them in one bulk, before the cells they list.
 */
public final class CellIndex {

    static final String CELLS = "cells";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private final MongoCollection<Document> units;

    public CellIndex(MongoCollection<Document> units) {
        this.units = units;
    }

    public void add(String unit, String cellId, long position) {
        ReadModelBatch.current().update(units, unit,
                Updates.combine(Updates.addToSet(CELLS, cellId), Updates.max(LAST_APPLIED_POSITION, position)));
    }

    /** The cell ids listed under these units (labels). */
    public Set<String> cellIdsOf(Collection<String> unitIds) {
        Set<String> cellIds = new LinkedHashSet<>();
        IdLookups.inSlices(unitIds, chunk -> units.find(Filters.in("_id", chunk))
                .projection(new Document(CELLS, 1))
                .forEach(unit -> cellIds.addAll(unit.getList(CELLS, String.class))));
        return cellIds;
    }

    public void drop() {
        units.drop();
    }
}
