package io.refundledger.query.analytics;

import io.refundledger.query.common.IdLookups;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Per business day, the ids of the cells that hold figures for it ({@code _id} = {@code 2026-11-23},
 * {@code cells} grown with {@code $addToSet}), so a query finds a range's cells by {@code _id} lookups and
 * never scans. Adding is idempotent; the day keeps the highest position that added to it.
 */
public final class DayCellIndex {

    static final String CELLS = "cells";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private final MongoCollection<Document> days;

    public DayCellIndex(MongoCollection<Document> days) {
        this.days = days;
    }

    public void add(String day, String cellId, long position) {
        Bson update = Updates.combine(Updates.addToSet(CELLS, cellId), Updates.max(LAST_APPLIED_POSITION, position));
        try {
            days.updateOne(Filters.eq("_id", day), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            days.updateOne(Filters.eq("_id", day), update); // another upsert created the day first
        }
    }

    public Set<String> cellIdsOn(Collection<LocalDate> range) {
        Set<String> cellIds = new LinkedHashSet<>();
        IdLookups.inSlices(range.stream().map(LocalDate::toString).toList(), chunk ->
                days.find(Filters.in("_id", chunk)).forEach(day -> cellIds.addAll(day.getList(CELLS, String.class))));
        return cellIds;
    }

    public void drop() {
        days.drop();
    }
}
