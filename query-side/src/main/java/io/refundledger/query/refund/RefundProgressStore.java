package io.refundledger.query.refund;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    public Optional<RefundProgressView> findById(String applicationId) {
        return Optional.ofNullable(progress().find(Filters.eq("_id", applicationId)).first()).map(RefundProgressStore::toView);
    }

    public Optional<RefundProgressView> findByApplicationNumber(String applicationNumber) {
        return Optional.ofNullable(progress().find(Filters.eq(APPLICATION_NUMBER, applicationNumber)).first())
                .map(RefundProgressStore::toView);
    }

    public List<RefundProgressView> findAllById(Collection<String> applicationIds) {
        if (applicationIds.isEmpty()) {
            return List.of();
        }
        return progress().find(Filters.in("_id", applicationIds)).map(RefundProgressStore::toView).into(new ArrayList<>());
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
        progress().replaceOne(Filters.eq("_id", view.applicationId()), toDocument(view), new ReplaceOptions().upsert(true));
    }

    public void indexUnderOrder(String orderId, String applicationId) {
        addToIndex(byOrder(), orderId, applicationId);
    }

    public void indexUnderCustomer(String customerId, String applicationId) {
        addToIndex(byCustomer(), customerId, applicationId);
    }

    private static void addToIndex(MongoCollection<Document> index, String key, String applicationId) {
        try {
            index.updateOne(Filters.eq("_id", key), Updates.addToSet(APPLICATION_IDS, applicationId),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two upserts raced to create the entry and the other one won: now it exists, so this is an update.
            index.updateOne(Filters.eq("_id", key), Updates.addToSet(APPLICATION_IDS, applicationId));
        }
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

    static Document toDocument(RefundProgressView view) {
        List<Document> timeline = view.timeline().stream()
                .map(step -> new Document("step", step.step().name())
                        .append("at", date(step.at()))
                        .append("detail", step.detail())
                        .append("actor", step.actor()))
                .toList();
        return new Document("_id", view.applicationId())
                .append(APPLICATION_NUMBER, view.applicationNumber())
                .append("customerId", view.customerId())
                .append("orderId", view.orderId())
                .append("type", name(view.type()))
                .append("status", name(view.status()))
                .append("paidAmount", money(view.paidAmount()))
                .append("requestedAmount", money(view.requestedAmount()))
                .append("approvedAmount", money(view.approvedAmount()))
                .append("reasonCategory", name(view.reasonCategory()))
                .append("reasonText", view.reasonText())
                .append("payoutMethod", name(view.payoutMethod()))
                .append("purchasedAt", date(view.purchasedAt()))
                .append("submittedAt", date(view.submittedAt()))
                .append("decidedAt", date(view.decidedAt()))
                .append("lastUpdatedAt", date(view.lastUpdatedAt()))
                .append("rejectionReason", view.rejectionReason())
                .append("timeline", timeline)
                .append("lastAppliedPosition", view.lastAppliedPosition());
    }

    static RefundProgressView toView(Document d) {
        List<TimelineStep> timeline = d.getList("timeline", Document.class, List.of()).stream()
                .map(step -> new TimelineStep(ProgressStep.valueOf(step.getString("step")), instant(step.getDate("at")),
                        step.getString("detail"), step.getString("actor")))
                .toList();
        return new RefundProgressView(
                d.getString("_id"),
                d.getString(APPLICATION_NUMBER),
                d.getString("customerId"),
                d.getString("orderId"),
                parse(d.getString("type"), RefundType::valueOf),
                parse(d.getString("status"), RefundStatus::valueOf),
                money(d.get("paidAmount", Document.class)),
                money(d.get("requestedAmount", Document.class)),
                money(d.get("approvedAmount", Document.class)),
                parse(d.getString("reasonCategory"), RefundReasonCategory::valueOf),
                d.getString("reasonText"),
                parse(d.getString("payoutMethod"), PayoutMethod::valueOf),
                instant(d.getDate("purchasedAt")),
                instant(d.getDate("submittedAt")),
                instant(d.getDate("decidedAt")),
                instant(d.getDate("lastUpdatedAt")),
                d.getString("rejectionReason"),
                timeline,
                d.getLong("lastAppliedPosition"));
    }

    /** Amounts stay decimal strings in the database too: BSON doubles would round them. */
    private static Document money(MoneyView money) {
        return money == null ? null : new Document("amount", money.amount()).append("currency", money.currency());
    }

    private static MoneyView money(Document money) {
        return money == null ? null : new MoneyView(money.getString("amount"), money.getString("currency"));
    }

    /** BSON dates (millisecond precision) so a real server can range-query and sort them natively. */
    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E> E parse(String name, Function<String, E> valueOf) {
        return name == null ? null : valueOf.apply(name);
    }
}
