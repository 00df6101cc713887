package io.refundledger.command.subscription.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The cancellation processes in MongoDB, every read by {@code _id}:
 * <ul>
 *   <li>{@value #PROCESSES}: one document per subscription ({@code _id} = subscriptionId) holding the
 *       {@link CancellationProcess} state, the global position it last applied, the next step's due time, retry
 *       attempts and the runner's lease;</li>
 *   <li>{@value #REFUND_LINKS}: {@code _id} = refund application id → subscriptionId, so the refund's events find
 *       their process;</li>
 *   <li>{@value #DUE_INDEX}: one document ({@code _id} = {@code open}) mapping every process with a step due to the
 *       time it is due, so the runner never scans (as {@code SlaDeadlineStore} does for deadlines);</li>
 *   <li>{@value #DISPATCHES}: the dispatch journal, one entry per step of a cancellation ({@link DueStep#dispatchKey()}),
 *       with the values fixed before the command was first sent (confirmation and application numbers). It is
 *       <em>not</em> dropped on a reset: a replay rebuilds the state, and the journal tells the runner which steps
 *       were sent already, so none is sent again while the replay catches up.</li>
 * </ul>
 * The event handler's writes apply only when the event is newer than the document ({@code lastAppliedPosition}),
 * so redelivered events change nothing; the runner's writes are conditional on the claim it holds and on the
 * state it acted on being unchanged, so the two never overwrite each other's decisions.
 */
public class CancellationProcessStore {

    public static final String PROCESSES = "subscription_cancellation_processes";
    public static final String REFUND_LINKS = "subscription_cancellation_refund_links";
    public static final String DUE_INDEX = "subscription_cancellation_due";
    public static final String DISPATCHES = "subscription_cancellation_dispatches";
    static final String OPEN_KEY = "open";
    static final String DUE = "due";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private static final FindOneAndUpdateOptions RETURNING_BEFORE =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

    private final MongoDatabase database;
    private final ZoneId businessZone;
    private final ObjectMapper json = LedgerSerializers.storageObjectMapper();

    public CancellationProcessStore(MongoDatabase database, ZoneId businessZone) {
        this.database = database;
        this.businessZone = businessZone;
    }

    /** A process as stored, with the runner's bookkeeping. */
    public record StoredProcess(CancellationProcess process, long lastAppliedPosition, Instant dueAt, int attempts,
                                String lastError) {
    }

    // ------------------------------------------------------------------------------------------- events

    public Optional<StoredProcess> find(String subscriptionId) {
        return Optional.ofNullable(processes().find(Filters.eq("_id", subscriptionId)).first()).map(this::toStored);
    }

    /**
     * Applies an event at {@code position} to the subscription's process (created when missing), unless the
     * process has applied it or a later one already; then recomputes what is due and brings the index in line.
     */
    public void apply(String subscriptionId, long position, UnaryOperator<CancellationProcess> change) {
        Optional<StoredProcess> stored = find(subscriptionId);
        if (stored.isPresent() && stored.get().lastAppliedPosition() >= position) {
            syncDueIndex(subscriptionId);
            return;
        }
        CancellationProcess changed = change.apply(stored.map(StoredProcess::process)
                .orElseGet(() -> CancellationProcess.of(subscriptionId)));
        Optional<DueStep> next = changed.next(businessZone);
        Bson update = Updates.combine(
                Updates.set("state", toDocument(changed)),
                Updates.set(LAST_APPLIED_POSITION, position),
                Updates.set("dueAt", next.map(d -> Date.from(d.dueAt())).orElse(null)),
                Updates.set("dueStep", next.map(d -> d.step().name()).orElse(null)),
                Updates.set("attempts", 0),
                Updates.set("lastError", null));
        upsertIfOlder(processes(), subscriptionId, position, update);
        syncDueIndex(subscriptionId);
    }

    /** Links a refund application to the subscription it settles. */
    public void link(String refundApplicationId, String subscriptionId, long position) {
        upsertIfOlder(refundLinks(), refundApplicationId, position, Updates.combine(
                Updates.set("subscriptionId", subscriptionId), Updates.set(LAST_APPLIED_POSITION, position)));
    }

    public Optional<String> subscriptionOf(String refundApplicationId) {
        return Optional.ofNullable(refundLinks().find(Filters.eq("_id", refundApplicationId)).first())
                .map(d -> d.getString("subscriptionId"));
    }

    private static void upsertIfOlder(MongoCollection<Document> collection, String id, long position, Bson update) {
        try {
            // Matches an older document, or none (then inserts); a newer one makes the insert collide on _id.
            collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.lt(LAST_APPLIED_POSITION, position)), update,
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /** Empties the state for a replay, which rebuilds it; the dispatch journal is kept on purpose. */
    public void deleteState() {
        processes().drop();
        refundLinks().drop();
        dueIndexCollection().drop();
    }

    // ------------------------------------------------------------------------------------------- runner

    /**
     * Takes a process whose step is due at {@code now} and that no other runner holds.
     *
     * @return the process as it was when claimed, or empty when nothing is due or another runner has it
     */
    public Optional<StoredProcess> claim(String subscriptionId, Instant now, Duration lease, String claimToken) {
        Document before = processes().findOneAndUpdate(Filters.and(
                        Filters.eq("_id", subscriptionId),
                        Filters.lte("dueAt", Date.from(now)),
                        Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.set("claimToken", claimToken)),
                RETURNING_BEFORE);
        return Optional.ofNullable(before).map(this::toStored);
    }

    /**
     * Ends a claim: when the state is still the one acted on, the step is due again at {@code nextTry} (after a
     * failure, or to look again if its event does not arrive); otherwise the event handler has already set what is
     * due next and only the lease is released.
     */
    public void release(String subscriptionId, String claimToken, long actedOnPosition, Instant nextTry, int attempts,
                        String error) {
        long unchanged = processes().updateOne(Filters.and(
                        Filters.eq("_id", subscriptionId),
                        Filters.eq("claimToken", claimToken),
                        Filters.eq(LAST_APPLIED_POSITION, actedOnPosition)),
                Updates.combine(
                        Updates.set("dueAt", Date.from(nextTry)),
                        Updates.set("attempts", attempts),
                        Updates.set("lastError", error),
                        Updates.unset("leaseUntil"),
                        Updates.unset("claimToken"))).getMatchedCount();
        if (unchanged == 0) {
            processes().updateOne(Filters.and(Filters.eq("_id", subscriptionId), Filters.eq("claimToken", claimToken)),
                    Updates.combine(Updates.unset("leaseUntil"), Updates.unset("claimToken")));
        }
        syncDueIndex(subscriptionId);
    }

    /** The key is destroyed: the one step no event records. */
    public void markKeyDestroyed(String subscriptionId, String claimToken) {
        processes().updateOne(Filters.and(Filters.eq("_id", subscriptionId), Filters.eq("claimToken", claimToken)),
                Updates.combine(Updates.set("state.keyDestroyed", true), Updates.set("dueAt", null),
                        Updates.set("dueStep", null), Updates.unset("leaseUntil"), Updates.unset("claimToken")));
        syncDueIndex(subscriptionId);
    }

    // ------------------------------------------------------------------------------------------- dispatch journal

    /**
     * The journal entry of a step, created with {@code prepared} values on first use (race-safe: the first insert
     * wins, later callers get its values), so a retried step sends exactly what the first attempt sent.
     */
    public Document journalEntry(String dispatchKey, Map<String, String> prepared, Instant now) {
        Document existing = dispatches().find(Filters.eq("_id", dispatchKey)).first();
        if (existing != null) {
            return existing;
        }
        Document entry = new Document("_id", dispatchKey).append("status", "PREPARED").append("preparedAt", Date.from(now));
        prepared.forEach(entry::append);
        try {
            dispatches().insertOne(entry);
            return entry;
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return dispatches().find(Filters.eq("_id", dispatchKey)).first();
        }
    }

    public boolean wasDispatched(String dispatchKey) {
        Document entry = dispatches().find(Filters.eq("_id", dispatchKey)).first();
        return entry != null && "SENT".equals(entry.getString("status"));
    }

    public void markDispatched(String dispatchKey, Instant now) {
        dispatches().updateOne(Filters.eq("_id", dispatchKey),
                Updates.combine(Updates.set("status", "SENT"), Updates.set("sentAt", Date.from(now))),
                new UpdateOptions().upsert(true));
    }

    // ------------------------------------------------------------------------------------------- due index

    /** Subscription id → when its next step is due, for every process with a step due. */
    public Map<String, Instant> dueIndex() {
        Document index = dueIndexCollection().find(Filters.eq("_id", OPEN_KEY)).first();
        Map<String, Instant> due = new LinkedHashMap<>();
        if (index != null && index.get(DUE) instanceof Document entries) {
            entries.forEach((key, at) -> due.put(decode(key), ((Date) at).toInstant()));
        }
        return due;
    }

    /** Makes the due index agree with the process document. Idempotent. */
    public void syncDueIndex(String subscriptionId) {
        Document process = processes().find(Filters.eq("_id", subscriptionId)).first();
        Date dueAt = process == null ? null : process.getDate("dueAt");
        if (dueAt == null) {
            dueIndexCollection().updateOne(Filters.eq("_id", OPEN_KEY), Updates.unset(DUE + "." + encode(subscriptionId)));
            return;
        }
        Bson set = Updates.set(DUE + "." + encode(subscriptionId), dueAt);
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

    /** Field names may not contain '.' or start with '$'; ids are escaped reversibly. */
    static String encode(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String decode(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    // ------------------------------------------------------------------------------------------- mapping

    private MongoCollection<Document> processes() {
        return database.getCollection(PROCESSES);
    }

    private MongoCollection<Document> refundLinks() {
        return database.getCollection(REFUND_LINKS);
    }

    private MongoCollection<Document> dueIndexCollection() {
        return database.getCollection(DUE_INDEX);
    }

    private MongoCollection<Document> dispatches() {
        return database.getCollection(DISPATCHES);
    }

    private Document toDocument(CancellationProcess process) {
        try {
            // The storage mapper writes amounts as decimal strings and dates as ISO text: nothing is lost.
            return Document.parse(json.writeValueAsString(process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the process of " + process.subscriptionId(), e);
        }
    }

    private StoredProcess toStored(Document document) {
        try {
            CancellationProcess process = json.readValue(document.get("state", Document.class).toJson(),
                    CancellationProcess.class);
            Date dueAt = document.getDate("dueAt");
            Number attempts = document.get("attempts", Number.class);
            return new StoredProcess(process, document.get(LAST_APPLIED_POSITION, Number.class).longValue(),
                    dueAt == null ? null : dueAt.toInstant(), attempts == null ? 0 : attempts.intValue(),
                    document.getString("lastError"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored process " + document.get("_id") + " cannot be read", e);
        }
    }

    private static boolean isDuplicateKey(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
