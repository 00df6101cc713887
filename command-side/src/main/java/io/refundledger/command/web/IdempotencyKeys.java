package io.refundledger.command.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The idempotency keys clients sent, kept for good in {@code idempotency_keys}, one document per principal
 * and key ({@code _id} = {@code principal:key}). A request claims its key by inserting that document, so of
 * two concurrent requests only one can succeed (the other gets a duplicate-key error); the winner later
 * stores its response there, or deletes the claim when it failed with a 5xx, so the client can retry.
 */
@Component
public class IdempotencyKeys {

    public static final String COLLECTION = "idempotency_keys";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";

    private final MongoCollection<Document> keys;
    private final Clock clock;
    private final Duration abandonedAfter;

    public IdempotencyKeys(MongoDatabase database, Clock clock,
                           @Value("${ledger.idempotency.abandoned-after:PT1M}") Duration abandonedAfter) {
        this.keys = database.getCollection(COLLECTION);
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
    }

    /** What a request asks for: it must be the same for a repeat to count as one. */
    public record Fingerprint(String method, String path, String bodySha256) {
    }

    /** A response as first given, to be given again to every repeat. */
    public record StoredResponse(int status, Map<String, String> headers, String body) {
    }

    public sealed interface Claim permits Claimed, Replay, InProgress, Reused {
    }

    /** This request holds the key and runs; {@code claimId} proves it when completing or releasing. */
    public record Claimed(String id, String claimId) implements Claim {
    }

    /** The key was used before for this very request, which finished: answer as then. */
    public record Replay(StoredResponse response) implements Claim {
    }

    /** The same request is still running under this key. */
    public record InProgress() implements Claim {
    }

    /** The key was used for a different request. */
    public record Reused(Fingerprint first) implements Claim {
    }

    public Claim claim(String principal, String key, Fingerprint fingerprint) {
        String id = principal + ":" + key;
        // A released claim may vanish between our insert and our read: try again, it is then free.
        for (int attempt = 0; attempt < 3; attempt++) {
            String claimId = UUID.randomUUID().toString();
            Instant now = clock.instant();
            try {
                keys.insertOne(new Document("_id", id)
                        .append("principal", principal)
                        .append("key", key)
                        .append("method", fingerprint.method())
                        .append("path", fingerprint.path())
                        .append("bodySha256", fingerprint.bodySha256())
                        .append("state", IN_PROGRESS)
                        .append("claimId", claimId)
                        .append("claimedAt", Date.from(now)));
                return new Claimed(id, claimId);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing == null) {
                continue;
            }
            Fingerprint first = new Fingerprint(existing.getString("method"), existing.getString("path"),
                    existing.getString("bodySha256"));
            if (!first.equals(fingerprint)) {
                return new Reused(first);
            }
            if (COMPLETED.equals(existing.getString("state"))) {
                return new Replay(responseOf(existing.get("response", Document.class)));
            }
            Date claimedAt = existing.getDate("claimedAt");
            if (claimedAt != null && claimedAt.toInstant().plus(abandonedAfter).isBefore(now)) {
                // The claimant died mid-request (a request never runs this long): take the key over, once.
                Bson stillAbandoned = Filters.and(Filters.eq("_id", id), Filters.eq("state", IN_PROGRESS),
                        Filters.eq("claimId", existing.getString("claimId")));
                if (keys.updateOne(stillAbandoned, Updates.combine(Updates.set("claimId", claimId),
                        Updates.set("claimedAt", Date.from(now)))).getModifiedCount() == 1) {
                    return new Claimed(id, claimId);
                }
            }
            return new InProgress();
        }
        return new InProgress();
    }

    public void complete(Claimed claim, StoredResponse response) {
        Document headers = new Document();
        response.headers().forEach(headers::append);
        keys.updateOne(ours(claim), Updates.combine(
                Updates.set("state", COMPLETED),
                Updates.set("completedAt", Date.from(clock.instant())),
                Updates.set("response", new Document("status", response.status())
                        .append("headers", headers)
                        .append("body", response.body()))));
    }

    /** Frees the key after a failure that changed nothing the client could rely on (5xx), so it may retry. */
    public void release(Claimed claim) {
        keys.deleteOne(ours(claim));
    }

    private static Bson ours(Claimed claim) {
        return Filters.and(Filters.eq("_id", claim.id()), Filters.eq("claimId", claim.claimId()));
    }

    private static StoredResponse responseOf(Document stored) {
        Objects.requireNonNull(stored, "a completed key has a response");
        Map<String, String> headers = new LinkedHashMap<>();
        Document storedHeaders = stored.get("headers", Document.class);
        if (storedHeaders != null) {
            storedHeaders.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        return new StoredResponse(stored.getInteger("status"), headers, stored.getString("body"));
    }
}
