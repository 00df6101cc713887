package io.refundledger.command.sla;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.RefundType;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLA deadlines in MongoDB: {@code sla_deadlines} ({@code _id} = {@code applicationId:kind}), the due index
 * {@code sla_deadlines_due}, and {@code sla_applications} (each application's refund type, which decides when its
 * payout deadline starts).
 *
 * <p><b>Finding overdue deadlines.</b> Deadlines accumulate (two per application, for good), and the embedded
 * server would run "open and due before now" as a full scan. So one document, {@code sla_deadlines_due/open},
 * maps every OPEN deadline's id to its due time; the escalation run reads that one document and touches only the
 * due deadlines, by {@code _id}. Its size is bounded by the applications in progress (tens of bytes each), not by
 * the history. It is a hint kept in step after every change; the deadline document is the truth and every claim
 * re-checks it.
 *
 * <p><b>Idempotence.</b> Every change an event makes is one conditional update that matches only while the
 * document's {@code lastAppliedPosition} is older than the event, so a redelivered event changes nothing (and
 * can never reopen a closed deadline). The escalation monitor writes only the lease fields and the OPEN →
 * ESCALATED step, each conditional on the document's current state, so it and the processor never overwrite each
 * other's decisions.
 */
public class SlaDeadlineStore {

    public static final String DEADLINES = "sla_deadlines";
    public static final String DUE_INDEX = "sla_deadlines_due";
    public static final String APPLICATIONS = "sla_applications";
    static final String OPEN_KEY = "open";
    static final String DUE = "due";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private static final FindOneAndUpdateOptions RETURNING_BEFORE =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

    private final MongoDatabase database;

    public SlaDeadlineStore(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- applications

    public void recordType(String applicationId, long position, RefundType type) {
        applyIfNewer(applications(), applicationId, position, List.of(Updates.set("type", type == null ? null : type.name())), true);
    }

    public Optional<RefundType> typeOf(String applicationId) {
        return Optional.ofNullable(applications().find(Filters.eq("_id", applicationId)).first())
                .map(d -> d.getString("type"))
                .map(RefundType::valueOf);
    }

    // ------------------------------------------------------------------------------------------- deadlines (events)

    public Optional<SlaDeadline> find(String deadlineId) {
        return Optional.ofNullable(deadlines().find(Filters.eq("_id", deadlineId)).first()).map(SlaDeadlineStore::toDeadline);
    }

    /** Opens (or reopens) a deadline due at {@code dueAt}, creating it if needed. */
    public boolean open(String applicationId, DeadlineKind kind, long position, Instant dueAt, Duration reviewAllowance,
                        Instant openedAt) {
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.set("applicationId", applicationId),
                Updates.set("kind", kind.name()),
                Updates.set("status", DeadlineStatus.OPEN.name()),
                Updates.set("dueAt", Date.from(dueAt)),
                Updates.set("dueAtExact", dueAt.toString()),
                Updates.set("openedAt", Date.from(openedAt)),
                Updates.set("closedAt", null),
                Updates.set("closedBy", null),
                Updates.set("escalatedAt", null),
                Updates.set("escalationResult", null),
                // A claim on the previous due time must not hold up the new one.
                Updates.unset("leaseUntil"),
                Updates.unset("claimToken")));
        if (reviewAllowance != null) {
            changes.add(Updates.set("reviewAllowance", reviewAllowance.toString()));
        }
        return applyIfNewer(deadlines(), SlaDeadline.idOf(applicationId, kind), position, changes, true);
    }

    /** Stops the clock of an existing deadline (only if it is running or escalated). */
    public boolean pause(String deadlineId, long position) {
        return applyIfNewerWhen(deadlineId, position,
                Filters.in("status", DeadlineStatus.OPEN.name(), DeadlineStatus.ESCALATED.name()),
                List.of(Updates.set("status", DeadlineStatus.PAUSED.name())));
    }

    /** Closes an existing deadline that is not closed yet. */
    public boolean close(String deadlineId, long position, Instant closedAt, String closedBy) {
        return applyIfNewerWhen(deadlineId, position, Filters.ne("status", DeadlineStatus.CLOSED.name()), List.of(
                Updates.set("status", DeadlineStatus.CLOSED.name()),
                Updates.set("closedAt", Date.from(closedAt)),
                Updates.set("closedBy", closedBy)));
    }

    /** The application recorded the escalation of this very due time: the deadline is escalated, whoever sent it. */
    public boolean escalatedByApplication(String deadlineId, long position, Instant dueAt, Instant escalatedAt) {
        return applyIfNewerWhen(deadlineId, position, Filters.and(
                Filters.eq("status", DeadlineStatus.OPEN.name()), Filters.eq("dueAtExact", dueAt.toString())), List.of(
                Updates.set("status", DeadlineStatus.ESCALATED.name()),
                Updates.set("escalatedAt", Date.from(escalatedAt)),
                Updates.set("escalationResult", "ESCALATED")));
    }

    /** Makes the due index agree with the deadline document. Idempotent. */
    public void syncDueIndex(String deadlineId) {
        Optional<SlaDeadline> deadline = find(deadlineId);
        if (deadline.isPresent() && deadline.get().status() == DeadlineStatus.OPEN) {
            indexAsDue(deadlineId, deadline.get().dueAt());
        } else {
            removeFromDueIndex(deadlineId);
        }
    }

    private boolean applyIfNewerWhen(String deadlineId, long position, Bson condition, List<Bson> changes) {
        List<Bson> all = new ArrayList<>(changes);
        all.add(Updates.set(LAST_APPLIED_POSITION, position));
        return deadlines().updateOne(Filters.and(Filters.eq("_id", deadlineId), Filters.lt(LAST_APPLIED_POSITION, position),
                condition), Updates.combine(all)).getModifiedCount() == 1;
    }

    private static boolean applyIfNewer(MongoCollection<Document> collection, String id, long position, List<Bson> changes,
                                        boolean createIfMissing) {
        List<Bson> all = new ArrayList<>(changes);
        all.add(Updates.set(LAST_APPLIED_POSITION, position));
        try {
            // Matches an older document, or none (then inserts); a newer one makes the insert collide on _id.
            UpdateResult result = collection.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.lt(LAST_APPLIED_POSITION, position)),
                    Updates.combine(all), new UpdateOptions().upsert(createIfMissing));
            return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                return false; // already at this position or later
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------- escalation

    /**
     * Takes an OPEN deadline that is due at {@code now} and not leased by another instance.
     *
     * @return the deadline as it was when claimed, or empty when it is not (or no longer) escalatable or taken
     */
    public Optional<SlaDeadline> claimForEscalation(String deadlineId, Instant now, Duration lease, String claimToken) {
        Document before = deadlines().findOneAndUpdate(Filters.and(
                        Filters.eq("_id", deadlineId),
                        Filters.eq("status", DeadlineStatus.OPEN.name()),
                        Filters.lte("dueAt", Date.from(now)),
                        Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.set("claimToken", claimToken)),
                RETURNING_BEFORE);
        return Optional.ofNullable(before).map(SlaDeadlineStore::toDeadline);
    }

    /**
     * Records the escalation of the claimed due time; does nothing if the deadline moved on meanwhile (closed,
     * paused, reopened with another due time) or the claim was lost.
     */
    public boolean markEscalated(String deadlineId, String claimToken, Instant dueAt, Instant escalatedAt, String result) {
        return deadlines().updateOne(Filters.and(
                        Filters.eq("_id", deadlineId),
                        Filters.eq("claimToken", claimToken),
                        Filters.eq("status", DeadlineStatus.OPEN.name()),
                        Filters.eq("dueAtExact", dueAt.toString())),
                Updates.combine(
                        Updates.set("status", DeadlineStatus.ESCALATED.name()),
                        Updates.set("escalatedAt", Date.from(escalatedAt)),
                        Updates.set("escalationResult", result),
                        Updates.unset("leaseUntil"),
                        Updates.unset("claimToken"))).getModifiedCount() == 1;
    }

    // ------------------------------------------------------------------------------------------- due index

    /** Deadline id → due time, for every deadline believed OPEN. */
    public Map<String, Instant> dueIndex() {
        Document index = dueIndexCollection().find(Filters.eq("_id", OPEN_KEY)).first();
        Map<String, Instant> due = new LinkedHashMap<>();
        if (index != null && index.get(DUE) instanceof Document entries) {
            entries.forEach((key, at) -> due.put(decode(key), ((Date) at).toInstant()));
        }
        return due;
    }

    public void indexAsDue(String deadlineId, Instant dueAt) {
        Bson set = Updates.set(DUE + "." + encode(deadlineId), Date.from(dueAt));
        try {
            dueIndexCollection().updateOne(Filters.eq("_id", OPEN_KEY), set, new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Two first upserts raced to create the index document and the other one won: now it is an update.
            dueIndexCollection().updateOne(Filters.eq("_id", OPEN_KEY), set);
        }
    }

    public void removeFromDueIndex(String deadlineId) {
        dueIndexCollection().updateOne(Filters.eq("_id", OPEN_KEY), Updates.unset(DUE + "." + encode(deadlineId)));
    }

    /** Empties everything for a replay, which rebuilds it (escalations included, from the escalation events). */
    public void deleteAll() {
        deadlines().drop();
        dueIndexCollection().drop();
        applications().drop();
    }

    /** Field names may not contain '.' or start with '$'; ids are escaped reversibly. */
    static String encode(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String decode(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    // ------------------------------------------------------------------------------------------- mapping

    private MongoCollection<Document> deadlines() {
        return database.getCollection(DEADLINES);
    }

    private MongoCollection<Document> dueIndexCollection() {
        return database.getCollection(DUE_INDEX);
    }

    private MongoCollection<Document> applications() {
        return database.getCollection(APPLICATIONS);
    }

    private static boolean isDuplicateKey(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    static SlaDeadline toDeadline(Document d) {
        String allowance = d.getString("reviewAllowance");
        String dueAtExact = d.getString("dueAtExact");
        return new SlaDeadline(
                d.getString("_id"),
                d.getString("applicationId"),
                DeadlineKind.valueOf(d.getString("kind")),
                DeadlineStatus.valueOf(d.getString("status")),
                dueAtExact == null ? instant(d.getDate("dueAt")) : Instant.parse(dueAtExact),
                allowance == null ? null : Duration.parse(allowance),
                instant(d.getDate("openedAt")),
                instant(d.getDate("closedAt")),
                d.getString("closedBy"),
                instant(d.getDate("escalatedAt")),
                d.getString("escalationResult"),
                d.getLong(LAST_APPLIED_POSITION));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
