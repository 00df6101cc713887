package io.refundledger.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.refundledger.query.rebuild.ReadModelGenerations;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one batch of events does to a read model, kept in memory and written at the end of the batch with one
 * {@code bulkWrite} per collection, before the processor stores the token that covers the batch.
 *
 * <p>Why: on the embedded server every write command commits the H2 file (about 1 ms), and a projection wrote three to
 * six documents per event, one command each. A batch touches the same documents many times (an application's events,
 * a day's cell, a finance list's bucket), so it writes each once, and the commands of a collection share one commit.
 *
 * <p>Three kinds of write, each with its own reading:
 * <ul>
 *     <li>{@link #put whole documents} (views, cells): read through the batch ({@link #find}), so later events of the
 *     batch build on earlier ones; written last-one-wins, guarded by position ({@link PositionGuardedWrites});</li>
 *     <li>{@link #update blind updates} ({@code $addToSet}, {@code $max}): written in the order made, never read back
 *     within the batch; they must repeat harmlessly, since a batch may be delivered again;</li>
 *     <li>{@link #participant participants}: a store's own deferred work (a day-bucketed list, an appended history),
 *     flushed by the store itself.</li>
 * </ul>
 * The projection names its collections (and participants) in the order they must be written: side documents before
 * the document that records their position, so a crash part-way through the flush leaves that document behind and the
 * redelivered batch repeats the side writes. Nothing is written when the batch fails; the processor then delivers it
 * again from the last stored token, which the positions make harmless.
 *
 * <p>Outside a batch (tests that call handlers directly, one-off tools) {@link #current} answers a write-through batch
 * that runs every operation at once, as the stores did before.
 */
public final class ReadModelBatch {

    private static final String RESOURCE = ReadModelBatch.class.getName();
    private static final ReadModelBatch WRITE_THROUGH = new ReadModelBatch(null);

    /** Collections and participant keys in flush order; null for write-through. */
    private final Set<String> order;
    private final Map<String, Map<Object, Optional<Document>>> documents = new HashMap<>();
    private final Map<String, Map<Object, Document>> puts = new HashMap<>();
    private final Map<String, List<WriteModel<Document>>> updates = new HashMap<>();
    private final Map<String, MongoCollection<Document>> collections = new HashMap<>();
    private final Map<String, Participant> participants = new LinkedHashMap<>();

    private ReadModelBatch(List<String> flushOrder) {
        this.order = flushOrder == null ? null : new LinkedHashSet<>(flushOrder);
    }

    /** Deferred writes of one store within a batch. */
    public interface Participant {

        /** Writes everything the batch gathered; called once, in the projection's flush order. */
        void flush();
    }

    /** The batch of the unit of work being processed, or the write-through batch when there is none. */
    public static ReadModelBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return WRITE_THROUGH;
        }
        ReadModelBatch batch = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return batch == null ? WRITE_THROUGH : batch;
    }

    /** Opens a batch for the current unit of work (see {@link ReadModelBatchInterceptor}). */
    static ReadModelBatch open(List<String> flushOrder) {
        return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new ReadModelBatch(flushOrder));
    }

    /** Goes on with a batch carried from an earlier unit of work ({@link CarriedBatches}) in the current one. */
    static void adopt(ReadModelBatch batch) {
        CurrentUnitOfWork.get().root().resources().put(RESOURCE, batch);
    }

    /** Forgets the batch of the current unit of work, written or not. */
    static void close() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(RESOURCE);
        }
    }

    public boolean writesThrough() {
        return order == null;
    }

    // ------------------------------------------------------------------------------------------- whole documents

    /** The document as this batch sees it: what it put, else what it read before, else what is stored. */
    public Optional<Document> find(MongoCollection<Document> collection, Object id) {
        if (writesThrough()) {
            return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
        }
        Map<Object, Optional<Document>> known = documents.computeIfAbsent(name(collection), n -> new HashMap<>());
        Optional<Document> found = known.get(id);
        if (found == null) {
            found = Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
            known.put(id, found);
        }
        return found;
    }

    /**
     * Reads the documents with these ids that the batch does not know yet, in slices ({@link IdLookups}), so the
     * events that follow find them in memory; ids that are not stored are remembered as absent.
     */
    public void prefetch(MongoCollection<Document> collection, Collection<?> ids) {
        if (writesThrough() || ids.isEmpty()) {
            return;
        }
        Map<Object, Optional<Document>> known = documents.computeIfAbsent(name(collection), n -> new HashMap<>());
        List<String> missing = new ArrayList<>();
        for (Object id : ids) {
            if (id instanceof String s && !known.containsKey(s)) {
                missing.add(s);
            }
        }
        missing.forEach(id -> known.put(id, Optional.empty()));
        IdLookups.inSlices(missing, slice -> collection.find(Filters.in("_id", slice))
                .forEach(d -> known.put(d.get("_id"), Optional.of(d))));
    }

    /** Stores the whole document at the end of the batch, unless a newer version is stored by then. */
    public void put(MongoCollection<Document> collection, Object id, Document document) {
        if (writesThrough()) {
            PositionGuardedWrites.replaceUnlessNewer(collection, id, document);
            return;
        }
        String name = ordered(collection);
        documents.computeIfAbsent(name, n -> new HashMap<>()).put(id, Optional.of(document));
        puts.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(id, document);
    }

    // ------------------------------------------------------------------------------------------- blind updates

    /** Runs {@code update} on document {@code id} at the end of the batch (creating it); must repeat harmlessly. */
    public void update(MongoCollection<Document> collection, Object id, Bson update) {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        if (writesThrough()) {
            upsertRetryingOnce(() -> collection.updateOne(Filters.eq("_id", id), update, upsert));
            return;
        }
        updates.computeIfAbsent(ordered(collection), n -> new ArrayList<>()).add(new UpdateOneModel<>(Filters.eq("_id", id), update, upsert));
    }

    // ------------------------------------------------------------------------------------------- participants

    /** The store's deferred work in this batch under {@code key} (one of the flush order's names), created once. */
    @SuppressWarnings("unchecked")
    public <P extends Participant> P participant(String key, Supplier<P> create) {
        if (writesThrough()) {
            throw new IllegalStateException("a write-through batch has no participants; check writesThrough() first");
        }
        requireInFlushOrder(key);
        return (P) participants.computeIfAbsent(key, k -> create.get());
    }

    // ------------------------------------------------------------------------------------------- flushing

    /** Writes everything in the projection's order; a failure leaves the rest unwritten (the batch is redelivered). */
    void flush() {
        if (writesThrough()) {
            return;
        }
        for (String key : order) {
            Participant participant = participants.get(key);
            if (participant != null) {
                participant.flush();
            }
            List<WriteModel<Document>> blind = updates.get(key);
            if (blind != null) {
                MongoCollection<Document> collection = collections.get(key);
                bulkUpserts(collection, blind);
            }
            Map<Object, Document> whole = puts.get(key);
            if (whole != null) {
                replaceUnlessNewer(collections.get(key), whole);
            }
        }
    }

    /**
     * One ordered bulk of position-guarded replaces. A document that is newer in the store (another instance got
     * there first during a takeover) fails its upsert on the duplicate id; the rest of the bulk is then written one
     * by one through the same guard, which tells a newer document from a real conflict.
     */
    private static void replaceUnlessNewer(MongoCollection<Document> collection, Map<Object, Document> documents) {
        List<Map.Entry<Object, Document>> entries = new ArrayList<>(documents.entrySet());
        List<WriteModel<Document>> models = new ArrayList<>(entries.size());
        for (Map.Entry<Object, Document> e : entries) {
            models.add(new ReplaceOneModel<>(PositionGuardedWrites.filterFor(e.getKey(), e.getValue()), e.getValue(),
                    new ReplaceOptions().upsert(true)));
        }
        try {
            collection.bulkWrite(models, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().isEmpty() || e.getWriteConcernError() != null) {
                throw e;
            }
            int failed = e.getWriteErrors().get(0).getIndex();
            for (Map.Entry<Object, Document> entry : entries.subList(failed, entries.size())) {
                PositionGuardedWrites.replaceUnlessNewer(collection, entry.getKey(), entry.getValue());
            }
        }
    }

    /** One ordered bulk of writes that repeat harmlessly, upserts among them (see {@link #upsertRetryingOnce}). */
    public static void bulkUpserts(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            upsertRetryingOnce(() -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(true)));
        }
    }

    /** Upserts by {@code _id} that raced another writer's insert of the same id fail once; the second try updates. */
    private static void upsertRetryingOnce(Runnable write) {
        try {
            write.run();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            write.run();
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            write.run();
        }
    }

    private String ordered(MongoCollection<Document> collection) {
        String name = name(collection);
        requireInFlushOrder(name);
        collections.putIfAbsent(name, collection);
        return name;
    }

    private void requireInFlushOrder(String key) {
        if (!order.contains(key)) {
            throw new IllegalStateException(key + " is not in this projection's flush order " + order);
        }
    }

    /** The logical name: a batch writes one generation of a read model (query.rebuild), whose names carry it. */
    private static String name(MongoCollection<Document> collection) {
        return ReadModelGenerations.logicalName(collection.getNamespace().getCollectionName());
    }
}
