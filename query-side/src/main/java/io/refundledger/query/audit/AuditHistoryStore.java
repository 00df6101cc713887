package io.refundledger.query.audit;

import io.refundledger.query.common.IdLookups;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
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

    /**
     * Appends the entry unless the aggregate's history already reaches its position. One atomic update: the
     * filter only matches while {@code lastPosition} is below the entry's; when it does not, the upsert tries to
     * create the document again and the duplicate {@code _id} tells that the entry is already there.
     *
     * @return false when the entry had been appended before (a redelivery)
     */
    public boolean append(AuditEntry entry) {
        try {
            history().updateOne(
                    Filters.and(Filters.eq("_id", entry.aggregateId()), Filters.lt(LAST_POSITION, entry.globalPosition())),
                    Updates.combine(Updates.push(ENTRIES, toDocument(entry)),
                            Updates.set(LAST_POSITION, entry.globalPosition()),
                            Updates.set("aggregateType", entry.aggregateType())),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Idempotent ({@code $addToSet}); written before the application's first entry, see the projection. */
    public void indexUnderCustomer(String customerId, String applicationId) {
        addToCustomer(customerId, APPLICATION_IDS, applicationId);
    }

    /** The same for a subscription, written before its first entry. */
    public void indexSubscriptionUnderCustomer(String customerId, String subscriptionId) {
        addToCustomer(customerId, SUBSCRIPTION_IDS, subscriptionId);
    }

    private void addToCustomer(String customerId, String field, String aggregateId) {
        try {
            byCustomer().updateOne(Filters.eq("_id", customerId), Updates.addToSet(field, aggregateId),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two upserts raced to create the entry and the other one won: now it is an update.
            byCustomer().updateOne(Filters.eq("_id", customerId), Updates.addToSet(field, aggregateId));
        }
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
