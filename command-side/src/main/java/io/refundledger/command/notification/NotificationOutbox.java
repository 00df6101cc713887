package io.refundledger.command.notification;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.events.refund.NotificationChannel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code notification_outbox} collection ({@code _id} = notification id) and its due index.
 *
 * <p><b>Finding due entries.</b> The embedded MongoDB server runs every range query and sort as a full scan, and
 * the outbox only grows (SENT entries stay as the record). So the dispatcher never queries the outbox by status
 * or time: one small document, {@code notification_outbox_due/pending}, maps the id of every PENDING entry to its
 * next attempt time. A run reads that one document, picks the due ids, and claims each by {@code _id}; its work
 * is bounded by the number of pending entries, not by the history. The index is only a hint: the outbox entry is
 * the truth, every claim re-checks status, time and lease on the entry itself, and stale hints are corrected by
 * the dispatcher when it meets them. Map fields are set and unset one at a time ({@code $set}/{@code $unset} on
 * {@code due.<id>}), which is atomic, so concurrent writers never lose each other's entries.
 *
 * <p><b>Claiming.</b> One atomic {@code findOneAndUpdate} on {@code _id} that matches only a PENDING, due entry
 * whose lease is free, and takes the lease with a fresh claim token: of two dispatchers racing, exactly one gets
 * the entry. Results are recorded only under that claim token, so an instance whose lease ran out cannot
 * overwrite the outcome of the instance that took over.
 */
public class NotificationOutbox {

    public static final String OUTBOX = "notification_outbox";
    public static final String DUE_INDEX = "notification_outbox_due";
    static final String PENDING_KEY = "pending";
    static final String DUE = "due";

    private static final FindOneAndUpdateOptions CLAIM_RETURNING_BEFORE =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

    private final MongoDatabase database;

    public NotificationOutbox(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- the entries

    /** Stores a new entry; false (and no change) when an entry with that notification id already exists. */
    public boolean insertIfAbsent(OutboxEntry entry) {
        try {
            outbox().insertOne(toDocument(entry));
            return true;
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<OutboxEntry> find(String notificationId) {
        return Optional.ofNullable(outbox().find(Filters.eq("_id", notificationId)).first()).map(NotificationOutbox::toEntry);
    }

    /**
     * Takes the entry for one delivery attempt if it is PENDING, due at {@code now} and not leased by anyone
     * else, counting the attempt.
     *
     * @return the entry as claimed (attempts already including this one), or empty when someone else has it or it
     *         is not due or not pending
     */
    public Optional<OutboxEntry> claim(String notificationId, Instant now, Duration lease, String claimToken) {
        Bson claimable = Filters.and(
                Filters.eq("_id", notificationId),
                Filters.eq("status", NotificationStatus.PENDING.name()),
                Filters.lte("nextAttemptAt", Date.from(now)),
                Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(now))));
        // The document before the update: the embedded server's "after" document is its live copy (see
        // ApplicationNumberIssuer), the "before" one a private snapshot.
        Document before = outbox().findOneAndUpdate(claimable, Updates.combine(
                Updates.set("leaseUntil", Date.from(now.plus(lease))),
                Updates.set("claimToken", claimToken),
                Updates.inc("attempts", 1)), CLAIM_RETURNING_BEFORE);
        if (before == null) {
            return Optional.empty();
        }
        OutboxEntry entry = toEntry(before);
        return Optional.of(new OutboxEntry(entry.notificationId(), entry.applicationId(), entry.channel(), entry.template(),
                entry.recipientReference(), entry.locale(), entry.subject(), entry.body(), entry.status(),
                entry.attempts() + 1, entry.nextAttemptAt(), entry.lastError(), entry.requestedAt(), entry.createdAt(),
                entry.sentAt()));
    }

    /** @return false when the claim was lost (lease expired and taken over) */
    public boolean markSent(String notificationId, String claimToken, Instant sentAt) {
        return finishClaim(notificationId, claimToken, Updates.combine(
                Updates.set("status", NotificationStatus.SENT.name()),
                Updates.set("sentAt", Date.from(sentAt)),
                Updates.set("lastError", null)));
    }

    /** @return false when the claim was lost */
    public boolean scheduleRetry(String notificationId, String claimToken, Instant nextAttemptAt, String error) {
        return finishClaim(notificationId, claimToken, Updates.combine(
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt)),
                Updates.set("lastError", error)));
    }

    /** @return false when the claim was lost */
    public boolean markFailed(String notificationId, String claimToken, String error) {
        return finishClaim(notificationId, claimToken, Updates.combine(
                Updates.set("status", NotificationStatus.FAILED.name()),
                Updates.set("lastError", error)));
    }

    private boolean finishClaim(String notificationId, String claimToken, Bson outcome) {
        return outbox().updateOne(
                Filters.and(Filters.eq("_id", notificationId), Filters.eq("claimToken", claimToken)),
                Updates.combine(outcome, Updates.unset("leaseUntil"), Updates.unset("claimToken"))).getMatchedCount() == 1;
    }

    // ------------------------------------------------------------------------------------------- the due index

    /** Notification id → when it is next due, for every entry believed PENDING. */
    public Map<String, Instant> dueIndex() {
        Document index = dueIndexCollection().find(Filters.eq("_id", PENDING_KEY)).first();
        Map<String, Instant> due = new LinkedHashMap<>();
        if (index != null && index.get(DUE) instanceof Document entries) {
            entries.forEach((key, at) -> due.put(decode(key), ((Date) at).toInstant()));
        }
        return due;
    }

    public void indexAsDue(String notificationId, Instant at) {
        Bson set = Updates.set(DUE + "." + encode(notificationId), Date.from(at));
        try {
            dueIndexCollection().updateOne(Filters.eq("_id", PENDING_KEY), set, new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Two first upserts raced to create the index document and the other one won: now it is an update.
            dueIndexCollection().updateOne(Filters.eq("_id", PENDING_KEY), set);
        }
    }

    public void removeFromDueIndex(String notificationId) {
        dueIndexCollection().updateOne(Filters.eq("_id", PENDING_KEY), Updates.unset(DUE + "." + encode(notificationId)));
    }

    /** Field names may not contain '.' or start with '$'; ids are escaped reversibly. */
    static String encode(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String decode(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    // ------------------------------------------------------------------------------------------- mapping

    private MongoCollection<Document> outbox() {
        return database.getCollection(OUTBOX);
    }

    private MongoCollection<Document> dueIndexCollection() {
        return database.getCollection(DUE_INDEX);
    }

    private static boolean isDuplicateKey(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    static Document toDocument(OutboxEntry entry) {
        return new Document("_id", entry.notificationId())
                .append("applicationId", entry.applicationId())
                .append("channel", entry.channel().name())
                .append("template", entry.template())
                .append("recipientReference", entry.recipientReference())
                .append("locale", entry.locale() == null ? null : entry.locale().toLanguageTag())
                .append("subject", entry.subject())
                .append("body", entry.body())
                .append("status", entry.status().name())
                .append("attempts", entry.attempts())
                .append("nextAttemptAt", date(entry.nextAttemptAt()))
                .append("lastError", entry.lastError())
                .append("requestedAt", date(entry.requestedAt()))
                .append("createdAt", date(entry.createdAt()))
                .append("sentAt", date(entry.sentAt()));
    }

    static OutboxEntry toEntry(Document d) {
        String locale = d.getString("locale");
        return new OutboxEntry(
                d.getString("_id"),
                d.getString("applicationId"),
                NotificationChannel.valueOf(d.getString("channel")),
                d.getString("template"),
                d.getString("recipientReference"),
                locale == null ? null : Locale.forLanguageTag(locale),
                d.getString("subject"),
                d.getString("body"),
                NotificationStatus.valueOf(d.getString("status")),
                d.getInteger("attempts", 0),
                instant(d.getDate("nextAttemptAt")),
                d.getString("lastError"),
                instant(d.getDate("requestedAt")),
                instant(d.getDate("createdAt")),
                instant(d.getDate("sentAt")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
