package io.refundledger.query.audit;

import io.refundledger.query.common.IdLookups;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.refundledger.query.common.ReadModelBatch;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code audit_history} read model: one document per aggregate ({@code _id} = aggregate id) holding its
 * entries in log order, plus one small document per customer naming their applications and subscriptions. Every read is an
 * {@code _id} lookup; every write is one atomic update.
 */
@Component
public class AuditHistoryStore {

    public static final String HISTORY = "audit_history";
    public static final String BY_CUSTOMER = "audit_history_by_customer";

    private static final String ENTRIES = "entries";
    private static final String LAST_POSITION = "lastPosition";
    private static final String APPLICATION_IDS = "applicationIds";
    private static final String SUBSCRIPTION_IDS = "subscriptionIds";

    private final MongoDatabase database;

    public AuditHistoryStore(MongoDatabase database) {
        this.database = database;
    }

    /** An aggregate's history: its id, its type and its entries in log order. */
    public record AggregateHistory(String aggregateId, String aggregateType, List<AuditEntry> entries) {
    }

    // ------------------------------------------------------------------------------------------- writing

    /** The order in which a batch writes: the customer index before the entries (see the projection). */
    public static final List<String> FLUSH_ORDER = List.of(BY_CUSTOMER, HISTORY);

    /**
     * Appends the entry unless the aggregate's history already reaches its position. One atomic update: the
     * filter only matches while {@code lastPosition} is below the entry's; when it does not, the upsert tries to
     * create the document again and the duplicate {@code _id} tells that the entry is already there. Within a batch
     * the entries are gathered and appended at its end ({@link BatchedAppends}).
     *
     * @return false when the entry had been appended before (a redelivery); true within a batch, which decides then
     */
    public boolean append(AuditEntry entry) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (!batch.writesThrough()) {
            batch.participant(HISTORY, BatchedAppends::new).add(entry);
            return true;
        }
        return appendAlone(entry);
    }

    private boolean appendAlone(AuditEntry entry) {
        try {
            history().updateOne(
                    Filters.and(Filters.eq("_id", entry.aggregateId()), Filters.lt(LAST_POSITION, entry.globalPosition())),
                    appending(List.of(entry), documentCodec()), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A batch's entries by aggregate, appended at its end with one update per aggregate: the entries beyond the
     * history's stored position, pushed together while that position is still what was read. An aggregate whose
     * history moved on meanwhile (another instance during a takeover) makes the bulk stop there; its entries and
     * the rest are then appended one by one, each skipped when already there.
     */
    private final class BatchedAppends implements ReadModelBatch.Participant {

        private final Map<String, List<AuditEntry>> entries = new LinkedHashMap<>();

        void add(AuditEntry entry) {
            entries.computeIfAbsent(entry.aggregateId(), id -> new ArrayList<>()).add(entry);
        }

        @Override
        public void flush() {
            Map<String, Long> stored = new HashMap<>();
            IdLookups.inSlices(entries.keySet(), ids -> history().find(Filters.in("_id", ids))
                    .projection(new Document(LAST_POSITION, 1))
                    .forEach(d -> stored.put(d.getString("_id"), ((Number) d.get(LAST_POSITION)).longValue())));
            List<List<AuditEntry>> pending = new ArrayList<>();
            List<WriteModel<Document>> appends = new ArrayList<>();
            Codec<Document> codec = documentCodec();
            entries.forEach((aggregateId, all) -> {
                Long reached = stored.get(aggregateId);
                List<AuditEntry> fresh = all.stream().filter(e -> reached == null || e.globalPosition() > reached).toList();
                if (fresh.isEmpty()) {
                    return;
                }
                // As for one entry: matches while the history is below the first fresh entry, else the upsert fails.
                Bson filter = Filters.and(Filters.eq("_id", aggregateId), Filters.lt(LAST_POSITION, fresh.get(0).globalPosition()));
                appends.add(new UpdateOneModel<>(filter, appending(fresh, codec), new UpdateOptions().upsert(true)));
                pending.add(fresh);
            });
            if (appends.isEmpty()) {
                return;
            }
            try {
                history().bulkWrite(appends, new BulkWriteOptions().ordered(true));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty() || e.getWriteConcernError() != null) {
                    throw e;
                }
                pending.subList(e.getWriteErrors().get(0).getIndex(), pending.size())
                        .forEach(fresh -> fresh.forEach(AuditHistoryStore.this::appendAlone));
            }
        }
    }

    /** Idempotent ({@code $addToSet}); written before the application's first entry, see the projection. */
    public void indexUnderCustomer(String customerId, String applicationId) {
        ReadModelBatch.current().update(byCustomer(), customerId, Updates.addToSet(APPLICATION_IDS, applicationId));
    }

    /** The same for a subscription, written before its first entry. */
    public void indexSubscriptionUnderCustomer(String customerId, String subscriptionId) {
        ReadModelBatch.current().update(byCustomer(), customerId, Updates.addToSet(SUBSCRIPTION_IDS, subscriptionId));
    }

    public void deleteAll() {
        history().drop();
        byCustomer().drop();
    }

    // ------------------------------------------------------------------------------------------- reading

    public Optional<AggregateHistory> find(String aggregateId) {
        return Optional.ofNullable(history().find(Filters.eq("_id", aggregateId)).first()).map(AuditHistoryStore::toHistory);
    }

    public List<AggregateHistory> findAll(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return List.of();
        }
        List<AggregateHistory> found = IdLookups.findByIds(history(), aggregateIds, AuditHistoryStore::toHistory);
        found.sort(Comparator.comparing(AggregateHistory::aggregateId));
        return found;
    }

    public Set<String> applicationIdsOfCustomer(String customerId) {
        return idsOfCustomer(customerId, APPLICATION_IDS);
    }

    public Set<String> subscriptionIdsOfCustomer(String customerId) {
        return idsOfCustomer(customerId, SUBSCRIPTION_IDS);
    }

    private Set<String> idsOfCustomer(String customerId, String field) {
        Document entry = byCustomer().find(Filters.eq("_id", customerId)).first();
        List<String> ids = entry == null ? null : entry.getList(field, String.class);
        return ids == null ? Set.of() : new LinkedHashSet<>(ids);
    }

    private MongoCollection<Document> history() {
        return database.getCollection(HISTORY);
    }

    private MongoCollection<Document> byCustomer() {
        return database.getCollection(BY_CUSTOMER);
    }

    // ------------------------------------------------------------------------------------------- mapping

    /**
     * The update that appends {@code entries} (in log order) to a history: pushes them, and records the last one's
     * position and aggregate type. Encoded to BSON here, once, and sent as those bytes: the driver turns an update
     * built of {@link Document}s into a tree of BSON values first and encodes that tree, and the two encodings were a
     * third of the processor's CPU time in a profiled rebuild. The bytes are the same ({@code AuditEntriesBenchmark}).
     */
    static RawBsonDocument appending(List<AuditEntry> entries, Codec<Document> codec) {
        AuditEntry last = entries.get(entries.size() - 1);
        Document update = new Document("$push", new Document(ENTRIES,
                new Document("$each", entries.stream().map(AuditHistoryStore::toDocument).toList())))
                .append("$set", new Document(LAST_POSITION, last.globalPosition()).append("aggregateType", last.aggregateType()));
        return new RawBsonDocument(update, codec);
    }

    private Codec<Document> documentCodec() {
        return history().getCodecRegistry().get(Document.class);
    }

    static Document toDocument(AuditEntry e) {
        return new Document("globalPosition", e.globalPosition())
                .append("aggregateId", e.aggregateId())
                .append("aggregateType", e.aggregateType())
                .append("sequence", e.sequence())
                .append("timestamp", e.timestamp() == null ? null : Date.from(e.timestamp()))
                .append("eventType", e.eventType())
                .append("payloadType", e.payloadType())
                .append("payloadRevision", e.payloadRevision())
                .append("payload", new Document(e.payload()))
                .append("actor", e.actor())
                .append("actorRoles", e.actorRoles())
                .append("requestId", e.requestId())
                .append("correlationId", e.correlationId())
                .append("causationId", e.causationId())
                .append("channel", e.channel())
                .append("idempotencyKey", e.idempotencyKey())
                .append("policyVersion", e.policyVersion())
                .append("descriptionZh", e.description().zhCN())
                .append("descriptionEn", e.description().en());
    }

    static AuditEntry toEntry(Document d) {
        Date timestamp = d.getDate("timestamp");
        Object payload = d.get("payload");
        return new AuditEntry(d.get("globalPosition", Number.class).longValue(), d.getString("aggregateId"),
                d.getString("aggregateType"), d.get("sequence", Number.class).longValue(),
                timestamp == null ? null : timestamp.toInstant(), d.getString("eventType"), d.getString("payloadType"),
                d.getString("payloadRevision"), payload instanceof Map<?, ?> map ? castMap(map) : Map.of(),
                d.getString("actor"), d.getList("actorRoles", String.class), d.getString("requestId"),
                d.getString("correlationId"), d.getString("causationId"), d.getString("channel"),
                d.getString("idempotencyKey"), d.getString("policyVersion"),
                new Description(d.getString("descriptionZh"), d.getString("descriptionEn")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static AggregateHistory toHistory(Document d) {
        List<AuditEntry> entries = d.getList(ENTRIES, Document.class).stream().map(AuditHistoryStore::toEntry)
                .sorted(Comparator.comparingLong(AuditEntry::globalPosition)).toList();
        return new AggregateHistory(d.getString("_id"), d.getString("aggregateType"), entries);
    }
}
