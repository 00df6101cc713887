package io.refundledger.query.finance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.query.common.IdLookups;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The approved-but-unpaid queue, shaped so that a page and the queue's totals read a bounded number of documents
 * however long the queue is:
 * <ul>
 *     <li>{@value #DAYS}: one document per business day of approval ({@code _id} = {@code 2026-11-23}) holding that
 *     day's unpaid applications with what the queue sorts and totals by (approval time, number, amount), and a
 *     {@code version} that counts its changes;</li>
 *     <li>{@value #SUMMARY}: one document ({@code _id} = {@value #QUEUE}) holding per day the count and the amounts to
 *     pay per currency, each stamped with the version of the day document it was computed from.</li>
 * </ul>
 * A page reads the summary, then only the day documents the page falls in, then those applications. Every write
 * repeats harmlessly: a member is set or removed only when that changes something, and a summary replaces an older
 * one only (several segments may recompute the same day at once; the newest version wins, whatever the order).
 * Both collections are dropped with the rest of the finance reports ({@link FinanceReportsStore#COLLECTIONS}).
 */
@Component
public class UnpaidQueueStore {

    public static final String DAYS = "finance_unpaid_days";
    public static final String SUMMARY = "finance_unpaid_summary";
    public static final String QUEUE = "approved-unpaid";

    static final String MEMBERS = "members";
    static final String VERSION = "version";
    static final String SUMMARY_DAYS = "days";

    private final MongoDatabase database;

    public UnpaidQueueStore(MongoDatabase database) {
        this.database = database;
    }

    /** One application in the queue. */
    public record Member(String applicationId, String applicationNumber, Instant approvedAt, MoneyView amountToRefund) {

        Document toDocument() {
            Document d = new Document("applicationId", applicationId).append("applicationNumber", applicationNumber)
                    .append("approvedAt", approvedAt.toString());
            if (amountToRefund != null) {
                d.append("amount", amountToRefund.amount()).append("currency", amountToRefund.currency());
            }
            return d;
        }

        static Member of(Document d) {
            String amount = d.getString("amount");
            return new Member(d.getString("applicationId"), d.getString("applicationNumber"),
                    Instant.parse(d.getString("approvedAt")), amount == null ? null : new MoneyView(amount, d.getString("currency")));
        }
    }

    /** A day's share of the queue. */
    public record DaySummary(String day, int count, Map<String, BigDecimal> toPay) {
    }

    /** Puts the application in (or updates it in) the queue of its approval day. */
    public void enqueue(String day, Member member, long position) {
        String field = MEMBERS + "." + key(member.applicationId());
        Document entry = member.toDocument();
        ensureExists(days(), day);
        days().updateOne(Filters.and(Filters.eq("_id", day), Filters.ne(field, entry)), Updates.combine(
                Updates.set(field, entry), Updates.inc(VERSION, 1), Updates.max(FinanceReportsStore.LAST_APPLIED_POSITION, position)));
        summarise(day, position);
    }

    /** Takes the application out of the queue of its approval day, if it is there. */
    public void dequeue(String day, String applicationId, long position) {
        String field = MEMBERS + "." + key(applicationId);
        days().updateOne(Filters.and(Filters.eq("_id", day), Filters.exists(field)), Updates.combine(
                Updates.unset(field), Updates.inc(VERSION, 1), Updates.max(FinanceReportsStore.LAST_APPLIED_POSITION, position)));
        summarise(day, position);
    }

    /** Every day that has (or had) unpaid applications, oldest first. */
    public List<DaySummary> summary() {
        Document summary = summaries().find(Filters.eq("_id", QUEUE)).first();
        Document perDay = summary == null ? null : summary.get(SUMMARY_DAYS, Document.class);
        if (perDay == null) {
            return List.of();
        }
        List<DaySummary> days = new ArrayList<>();
        new TreeMap<>(perDay).forEach((day, value) -> {
            Document d = (Document) value;
            Map<String, BigDecimal> toPay = new TreeMap<>();
            Document amounts = d.get("toPay", Document.class);
            if (amounts != null) {
                amounts.forEach((currency, amount) -> toPay.put(currency, new BigDecimal((String) amount)));
            }
            days.add(new DaySummary(day, d.getInteger("count", 0), toPay));
        });
        return days;
    }

    /** The members of those days, in no particular order. */
    public List<Member> membersOn(Collection<String> days) {
        List<Member> members = new ArrayList<>();
        IdLookups.findByIds(days(), days, d -> d.get(MEMBERS, Document.class)).forEach(onDay -> {
            if (onDay != null) {
                onDay.values().forEach(m -> members.add(Member.of((Document) m)));
            }
        });
        return members;
    }

    /** Recomputes the day's summary from what the day document holds now, and keeps it unless a newer one is there. */
    private void summarise(String day, long position) {
        Document onDay = days().find(Filters.eq("_id", day)).first();
        if (onDay == null) {
            return;
        }
        Object changes = onDay.get(VERSION);
        long version = changes == null ? 0 : ((Number) changes).longValue();
        Document members = onDay.get(MEMBERS, Document.class);
        Map<String, BigDecimal> toPay = new TreeMap<>();
        int count = 0;
        if (members != null) {
            for (Object value : members.values()) {
                Member member = Member.of((Document) value);
                count++;
                if (member.amountToRefund() != null) {
                    toPay.merge(member.amountToRefund().currency(), new BigDecimal(member.amountToRefund().amount()), BigDecimal::add);
                }
            }
        }
        keepSummary(day, count, toPay, version, position);
    }

    /** Stores the summary computed from {@code version} of the day, unless one from that version or a later one is there. */
    void keepSummary(String day, int count, Map<String, BigDecimal> toPay, long version, long position) {
        Document amounts = new Document();
        new TreeMap<>(toPay).forEach((currency, amount) -> amounts.append(currency, amount.toPlainString()));
        String field = SUMMARY_DAYS + "." + day;
        ensureExists(summaries(), QUEUE);
        summaries().updateOne(Filters.and(Filters.eq("_id", QUEUE), Filters.not(Filters.gte(field + "." + VERSION, version))),
                Updates.combine(Updates.set(field, new Document("count", count).append("toPay", amounts).append(VERSION, version)),
                        Updates.max(FinanceReportsStore.LAST_APPLIED_POSITION, position)));
    }

    /** Conditional updates cannot upsert (a document that exists but does not match would be inserted twice). */
    private static void ensureExists(MongoCollection<Document> collection, String id) {
        Bson created = Updates.setOnInsert(FinanceReportsStore.LAST_APPLIED_POSITION, 0L);
        collection.updateOne(Filters.eq("_id", id), created, new UpdateOptions().upsert(true));
    }

    /** Field names may hold neither dots nor a leading dollar; application ids are escaped the way URLs are. */
    static String key(String applicationId) {
        return applicationId.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private MongoCollection<Document> days() {
        return database.getCollection(DAYS);
    }

    private MongoCollection<Document> summaries() {
        return database.getCollection(SUMMARY);
    }
}
