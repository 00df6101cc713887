package io.refundledger.query.order;

import io.refundledger.query.common.ReadModelBatch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order refund summaries ({@code order_refund_summary}, {@code _id} = order id) and which order each
 * application belongs to ({@code order_refund_applications}, {@code _id} = application id), since most refund
 * events name only the application. Every read is an {@code _id} lookup.
 */
@Component
public class OrderRefundsStore {

    public static final String SUMMARIES = "order_refund_summary";
    public static final String APPLICATION_ORDERS = "order_refund_applications";

    private final MongoDatabase database;

    public OrderRefundsStore(MongoDatabase database) {
        this.database = database;
    }

    /** The order of each application before its summary, which records the position (see {@link ReadModelBatch}). */
    public static final List<String> FLUSH_ORDER = List.of(APPLICATION_ORDERS, SUMMARIES);

    /**
     * Reads these applications' orders into the current batch at once (ids of other aggregates are simply not found),
     * then the summaries of those orders and of the orders the batch's events name: a catch-up otherwise reads each
     * order's summary on its own.
     */
    public void prefetch(Collection<String> ids, Collection<String> namedOrders) {
        ReadModelBatch.current().prefetch(applicationOrders(), ids);
        Set<String> orders = new LinkedHashSet<>(namedOrders);
        ids.forEach(id -> orderOf(id).ifPresent(orders::add));
        ReadModelBatch.current().prefetch(summaries(), orders);
    }

    /** Within a batch of events, as the batch left it. */
    public Optional<OrderRefundsView> find(String orderId) {
        return ReadModelBatch.current().find(summaries(), orderId).map(OrderRefundsStore::toView);
    }

    public void save(OrderRefundsView view) {
        ReadModelBatch.current().put(summaries(), view.orderId(), RecordDocuments.toDocument(view, "orderId"));
    }

    public Optional<String> orderOf(String applicationId) {
        return ReadModelBatch.current().find(applicationOrders(), applicationId).map(entry -> entry.getString("orderId"));
    }

    /** Idempotent: the same application always belongs to the same order. */
    public void rememberOrder(String applicationId, String orderId) {
        ReadModelBatch.current().put(applicationOrders(), applicationId, new Document("_id", applicationId).append("orderId", orderId));
    }

    public void deleteAll() {
        summaries().drop();
        applicationOrders().drop();
    }

    static OrderRefundsView toView(Document document) {
        return RecordDocuments.fromDocument(document, OrderRefundsView.class, "orderId");
    }

    private MongoCollection<Document> summaries() {
        return database.getCollection(SUMMARIES);
    }

    private MongoCollection<Document> applicationOrders() {
        return database.getCollection(APPLICATION_ORDERS);
    }
}
