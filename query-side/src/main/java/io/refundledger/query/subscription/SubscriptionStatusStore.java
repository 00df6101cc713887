package io.refundledger.query.subscription;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The subscription status read model in MongoDB, with the plain driver. Every read is an {@code _id} lookup
 * (or {@code _id $in}): customers get small index documents ({@code _id} = {@code customer:<id>}, grown with
 * {@code $addToSet}), and the refund applications that settle a cancellation get link documents ({@code _id} =
 * application id) naming their subscription, because later refund events name only the application.
 */
@Component
public class SubscriptionStatusStore {

    public static final String STATUS = "subscription_status";
    public static final String BY_CUSTOMER = "subscription_status_by_customer";
    public static final String REFUND_LINKS = "subscription_refund_links";

    static final String CUSTOMER_KEY_PREFIX = "customer:";
    static final String SUBSCRIPTION_IDS = "subscriptionIds";
    static final String SUBSCRIPTION_ID = "subscriptionId";

    private final MongoDatabase database;

    public SubscriptionStatusStore(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- reading

    /** The index and the refund links before the views, which record the position (see {@link ReadModelBatch}). */
    public static final List<String> FLUSH_ORDER = List.of(BY_CUSTOMER, REFUND_LINKS, STATUS);

    /**
     * Reads these subscriptions' views, and the links of these refund applications, into the current batch at once (ids
     * of other aggregates are simply not found): a linked refund's events name only the application.
     */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(status(), ids);
        ReadModelBatch.current().prefetch(refundLinks(), ids);
    }

    /** Within a batch of events, as the batch left it. */
    public Optional<SubscriptionStatusView> findById(String subscriptionId) {
        return ReadModelBatch.current().find(status(), subscriptionId)
                .map(SubscriptionStatusStore::toView);
    }

    public List<SubscriptionStatusView> findAllById(Collection<String> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(status(), subscriptionIds, SubscriptionStatusStore::toView);
    }

    public Set<String> subscriptionIdsOfCustomer(String customerId) {
        Document entry = byCustomer().find(Filters.eq("_id", CUSTOMER_KEY_PREFIX + customerId)).first();
        return entry == null ? Set.of() : new LinkedHashSet<>(entry.getList(SUBSCRIPTION_IDS, String.class));
    }

    /** The subscription a refund application settles, if it settles one. */
    public Optional<String> subscriptionOfRefund(String refundApplicationId) {
        return ReadModelBatch.current().find(refundLinks(), refundApplicationId)
                .map(link -> link.getString(SUBSCRIPTION_ID));
    }

    // ------------------------------------------------------------------------------------------- writing

    /** Stores the whole view under its subscription id; the caller decides whether it is newer. */
    public void save(SubscriptionStatusView view) {
        ReadModelBatch.current().put(status(), view.subscriptionId(), RecordDocuments.toDocument(view, SUBSCRIPTION_ID));
    }

    /** Idempotent ({@code $addToSet}). */
    public void indexUnderCustomer(String customerId, String subscriptionId) {
        ReadModelBatch.current().update(byCustomer(), CUSTOMER_KEY_PREFIX + customerId, Updates.addToSet(SUBSCRIPTION_IDS, subscriptionId));
    }

    /** Idempotent: the same link is set again on redelivery; read back within the batch, so a whole document. */
    public void linkRefund(String refundApplicationId, String subscriptionId) {
        ReadModelBatch.current().put(refundLinks(), refundApplicationId,
                new Document("_id", refundApplicationId).append(SUBSCRIPTION_ID, subscriptionId));
    }

    /** Empties the read model for a replay. */
    public void deleteAll() {
        status().drop();
        byCustomer().drop();
        refundLinks().drop();
    }

    private MongoCollection<Document> status() {
        return database.getCollection(STATUS);
    }

    private MongoCollection<Document> byCustomer() {
        return database.getCollection(BY_CUSTOMER);
    }

    private MongoCollection<Document> refundLinks() {
        return database.getCollection(REFUND_LINKS);
    }

    static SubscriptionStatusView toView(Document document) {
        return RecordDocuments.fromDocument(document, SubscriptionStatusView.class, SUBSCRIPTION_ID);
    }
}
