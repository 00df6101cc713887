package io.refundledger.query.refund;

import io.refundledger.query.common.ReadModelBatch;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.common.IdLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
 * The refund progress read model in MongoDB, with the plain driver.
 *
 * <p>Every read is an equality or {@code $in} lookup on {@code _id} or on the unique application number, so
 * no question ever scans (the embedded server runs range queries and non-unique indexes as full scans).
 * Orders and customers get small index documents ({@code _id} = order or customer id, holding application
 * ids) instead of secondary indexes: they are grown with {@code $addToSet}, atomic and idempotent, so
 * writers on different segments never lose each other's entries.
 */
@Component
public class RefundProgressStore {

    public static final String PROGRESS = "refund_progress";
    public static final String BY_ORDER = "refund_progress_by_order";
    public static final String BY_CUSTOMER = "refund_progress_by_customer";

    static final String APPLICATION_IDS = "applicationIds";
    private static final String APPLICATION_NUMBER = "applicationNumber";

    private final MongoDatabase database;

    public RefundProgressStore(MongoDatabase database) {
        this.database = database;
        ensureIndexes();
    }

    /** Idempotent; run at start-up and after a reset drops the collections. */
    public void ensureIndexes() {
        progress().createIndex(Indexes.ascending(APPLICATION_NUMBER),
                new IndexOptions().unique(true).name("unique_application_number"));
        // Nothing else: order and customer lookups go through the index documents, by _id.
    }

    // ------------------------------------------------------------------------------------------- reading

    /** Within a batch of events, as the batch left it ({@link ReadModelBatch}). */
    public Optional<RefundProgressView> findById(String applicationId) {
        return ReadModelBatch.current().find(progress(), applicationId).map(RefundProgressStore::toView);
    }

    public Optional<RefundProgressView> findByApplicationNumber(String applicationNumber) {
        return Optional.ofNullable(progress().find(Filters.eq(APPLICATION_NUMBER, applicationNumber)).first())
                .map(RefundProgressStore::toView);
    }

    public List<RefundProgressView> findAllById(Collection<String> applicationIds) {
        if (applicationIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(progress(), applicationIds, RefundProgressStore::toView);
    }

    public Set<String> applicationIdsForOrder(String orderId) {
        return applicationIdsIn(byOrder(), orderId);
    }

    public Set<String> applicationIdsForCustomer(String customerId) {
        return applicationIdsIn(byCustomer(), customerId);
    }

    private static Set<String> applicationIdsIn(MongoCollection<Document> index, String key) {
        Document entry = index.find(Filters.eq("_id", key)).first();
        return entry == null ? Set.of() : new LinkedHashSet<>(entry.getList(APPLICATION_IDS, String.class));
    }

    // ------------------------------------------------------------------------------------------- writing

    /** Stores the whole view under its application id; the caller decides whether it is newer. */
    public void save(RefundProgressView view) {
        ReadModelBatch.current().put(progress(), view.applicationId(), toDocument(view));
    }

    public void indexUnderOrder(String orderId, String applicationId) {
        addToIndex(byOrder(), orderId, applicationId);
    }

    public void indexUnderCustomer(String customerId, String applicationId) {
        addToIndex(byCustomer(), customerId, applicationId);
    }

    /** Atomic and idempotent ({@code $addToSet}), so writers on different segments never lose each other's entries. */
    private static void addToIndex(MongoCollection<Document> index, String key, String applicationId) {
        ReadModelBatch.current().update(index, key, Updates.addToSet(APPLICATION_IDS, applicationId));
    }

    /** The order in which a batch writes (side documents before the views that record their position). */
    public static final List<String> FLUSH_ORDER = List.of(BY_ORDER, BY_CUSTOMER, RefundsByStatusStore.DAYS, PROGRESS);

    /** Reads these applications' views into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(progress(), ids);
    }

    /** Empties the read model for a replay. Dropping is cheaper than deleting every document on a real server. */
    public void deleteAll() {
        progress().drop();
        byOrder().drop();
        byCustomer().drop();
        ensureIndexes();
    }

    private MongoCollection<Document> progress() {
        return database.getCollection(PROGRESS);
    }

    private MongoCollection<Document> byOrder() {
        return database.getCollection(BY_ORDER);
    }

    private MongoCollection<Document> byCustomer() {
        return database.getCollection(BY_CUSTOMER);
    }

    // ------------------------------------------------------------------------------------------- mapping

    /** The view as stored: its own shape, with the application id as {@code _id}. */
    static Document toDocument(RefundProgressView view) {
        return RecordDocuments.toDocument(view, "applicationId");
    }

    static RefundProgressView toView(Document document) {
        return RecordDocuments.fromDocument(document, RefundProgressView.class, "applicationId");
    }
}
