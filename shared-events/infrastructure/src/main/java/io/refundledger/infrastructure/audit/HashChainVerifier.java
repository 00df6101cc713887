package io.refundledger.infrastructure.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.eventstore.CommitHasher;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Checks the SHA-256 chain the storage engine writes over {@code event_commits} (see {@link CommitHasher}).
 *
 * <p>Every read is a lookup, never a range scan or sort, because the embedded server runs those as full
 * scans: the log is walked by asking for the next candidate starts ({@code _id $in [p, p+1, …]}, since a
 * commit starts one after its predecessor's {@code lastPosition}); an aggregate is followed through its
 * {@code aggregateKeys}, and its neighbours are found by {@code positions} and {@code _id}.
 *
 * <p>Per commit it checks, in this order: the link ({@code previousHash} equals the predecessor's hash, else
 * {@link BreakKind#BROKEN_CHAIN}), the content (the stored fields recompute to the stored hash, and the
 * unhashed index fields agree with the hashed events, else {@link BreakKind#ALTERED}), and that no position is
 * skipped ({@link BreakKind#GAP}). Deleting the newest commits leaves a shorter, valid chain: only a kept
 * {@link SignedDigest} reveals that (see {@link LogDigests#verify(SignedDigest)}).
 */
public class HashChainVerifier {

    // Field names of the engine's commit documents (the engine keeps its constants package-private).
    static final String ID = "_id";
    static final String LAST_POSITION = "lastPosition";
    static final String POSITIONS = "positions";
    static final String AGGREGATE_KEYS = "aggregateKeys";
    static final String COMMITTED_AT = "committedAt";
    static final String COMMITTED_AT_DATE = "committedAtDate";
    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";
    static final String EVENTS = "events";
    private static final Set<String> COMMIT_FIELDS = Set.of(ID, LAST_POSITION, POSITIONS, AGGREGATE_KEYS, COMMITTED_AT,
            COMMITTED_AT_DATE, PREVIOUS_HASH, HASH, EVENTS);
    private static final String HEAD_HINT_ID = "head";
    /** How many later sequence numbers of an aggregate are probed for when its commits seem to end. */
    private static final int SEQUENCE_PROBE = 8;
    /** How far past a missing start the log is probed for a continuation. */
    static final int LOOK_AHEAD = 1024;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> headHints;
    private final int batchSize;

    /**
     * @param batchSize how many candidate commit starts one lookup asks for while walking the log
     */
    public HashChainVerifier(MongoDatabase database, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.commits = database.getCollection(MongoCommitLogStorageEngine.COMMITS);
        this.headHints = database.getCollection(MongoCommitLogStorageEngine.HEAD_HINTS);
        this.batchSize = batchSize;
    }

    /** Verifies the whole log from the genesis commit to its head, stopping at the first broken link. */
    public ChainVerification verifyLog() {
        return walk(0, CommitHasher.GENESIS, CommitVisitor.NONE);
    }

    /** Like {@link #verifyLog()}, telling {@code visitor} about every commit that verified, in log order. */
    ChainVerification verifyLog(CommitVisitor visitor) {
        return walk(0, CommitHasher.GENESIS, visitor);
    }

    /**
     * Verifies only what follows a prefix verified earlier: the commit ending at {@code position} must still
     * carry {@code hash}, and every later commit must chain onto it. Falls back to a full walk (which then
     * reports the break) when that commit no longer matches.
     */
    ChainVerification verifyAfter(long position, String hash) {
        if (position == 0) {
            return verifyLog();
        }
        Document anchor = commits.find(Filters.eq(POSITIONS, position)).first();
        if (anchor == null || longOf(anchor.get(LAST_POSITION)) != position || !hash.equals(anchor.get(HASH))
                || check(anchor, firstPositionOf(anchor), anchor.getString(PREVIOUS_HASH)).isPresent()) {
            return verifyLog();
        }
        return walk(position, hash, CommitVisitor.NONE);
    }

    private ChainVerification walk(long afterPosition, String afterHash, CommitVisitor visitor) {
        long next = afterPosition + 1;
        String previousHash = afterHash;
        long checked = 0;
        while (true) {
            long windowEnd = next + batchSize;
            Map<Long, Document> byStart = new HashMap<>();
            List<Long> candidates = LongStream.range(next, windowEnd).boxed().toList();
            for (Document commit : commits.find(Filters.in(ID, candidates))) {
                byStart.put(longOf(commit.get(ID)), commit);
            }
            while (next < windowEnd) {
                Document commit = byStart.get(next);
                if (commit == null) {
                    Optional<BrokenLink> gap = gapAt(next, byStart);
                    if (gap.isPresent()) {
                        return new ChainVerification(false, checked, next - 1, previousHash, gap.get());
                    }
                    return new ChainVerification(true, checked, next - 1, previousHash, null);
                }
                Optional<BrokenLink> broken = check(commit, next, previousHash);
                if (broken.isPresent()) {
                    return new ChainVerification(false, checked, next - 1, previousHash, broken.get());
                }
                checked++;
                long last = longOf(commit.get(LAST_POSITION));
                visitor.verified(next, last, commit.getString(HASH));
                previousHash = commit.getString(HASH);
                next = last + 1;
            }
        }
    }

    /** Verifies one aggregate's commits, following its keys {@code aggregateId:0, :1, …}. */
    public AggregateVerification verifyAggregate(String aggregateId) {
        Objects.requireNonNull(aggregateId, "aggregateId");
        long sequence = 0;
        long commitsChecked = 0;
        long eventsChecked = 0;
        while (true) {
            Document commit = commits.find(Filters.eq(AGGREGATE_KEYS, aggregateId + ":" + sequence)).first();
            if (commit == null) {
                Optional<BrokenLink> skipped = laterSequence(aggregateId, sequence);
                return new AggregateVerification(aggregateId, skipped.isEmpty(), commitsChecked, eventsChecked,
                        sequence - 1, skipped.orElse(null));
            }
            Optional<BrokenLink> broken = checkInPlace(commit);
            if (broken.isPresent()) {
                return new AggregateVerification(aggregateId, false, commitsChecked, eventsChecked, sequence - 1, broken.get());
            }
            commitsChecked++;
            List<Long> own = commit.getList(EVENTS, Document.class).stream()
                    .filter(e -> aggregateId.equals(e.get("aggregateId")) && e.get("aggregateType") != null)
                    .map(e -> longOf(e.get("sequence")))
                    .filter(s -> s >= 0)
                    .toList();
            eventsChecked += own.size();
            sequence = own.stream().mapToLong(Long::longValue).max().orElse(sequence) + 1;
        }
    }

    /**
     * One commit checked where it stands: against the commit holding the position before it, its own content,
     * and the commit after it (which is the only place a commit that was altered and re-hashed shows).
     */
    private Optional<BrokenLink> checkInPlace(Document commit) {
        long first = firstPositionOf(commit);
        String expectedPrevious = CommitHasher.GENESIS;
        if (first > 1) {
            Document predecessor = commits.find(Filters.eq(POSITIONS, first - 1))
                    .projection(new Document(LAST_POSITION, 1).append(HASH, 1)).first();
            if (predecessor == null) {
                return Optional.of(new BrokenLink(first - 1, BreakKind.GAP, "a commit holding position " + (first - 1),
                        "none", "Position " + (first - 1) + " is missing before the commit at " + first + ": a commit was deleted."));
            }
            expectedPrevious = predecessor.getString(HASH);
        }
        Optional<BrokenLink> own = check(commit, first, expectedPrevious);
        if (own.isPresent()) {
            return own;
        }
        long after = longOf(commit.get(LAST_POSITION)) + 1;
        Document successor = commits.find(Filters.eq(ID, after)).projection(new Document(PREVIOUS_HASH, 1)).first();
        if (successor != null) {
            if (!commit.getString(HASH).equals(successor.getString(PREVIOUS_HASH))) {
                return Optional.of(brokenChain(after, commit.getString(HASH), successor.getString(PREVIOUS_HASH)));
            }
            return Optional.empty();
        }
        return gapAt(after, Map.of());
    }

    /** After an aggregate's keys seem to end: a few later sequence numbers present means some were deleted. */
    private Optional<BrokenLink> laterSequence(String aggregateId, long missingSequence) {
        for (long s = missingSequence + 1; s <= missingSequence + SEQUENCE_PROBE; s++) {
            Document later = commits.find(Filters.eq(AGGREGATE_KEYS, aggregateId + ":" + s)).projection(new Document(ID, 1)).first();
            if (later != null) {
                long position = longOf(later.get(ID));
                return Optional.of(new BrokenLink(position, BreakKind.GAP, aggregateId + ":" + missingSequence,
                        aggregateId + ":" + s, "Sequence " + missingSequence + " of " + aggregateId
                        + " is missing, but sequence " + s + " is stored at position " + position + ": a commit was deleted."));
            }
        }
        return Optional.empty();
    }

    /** The commit's own checks: chained to {@code expectedPrevious}, content recomputes, index fields agree. */
    private Optional<BrokenLink> check(Document commit, long position, String expectedPrevious) {
        String previous = commit.get(PREVIOUS_HASH) instanceof String s ? s : null;
        if (!expectedPrevious.equals(previous)) {
            return Optional.of(brokenChain(position, expectedPrevious, previous));
        }
        try {
            String stored = commit.getString(HASH);
            String recomputed = CommitHasher.hash(previous, position, commit.getString(COMMITTED_AT),
                    commit.getList(EVENTS, Document.class));
            if (!recomputed.equals(stored)) {
                return Optional.of(new BrokenLink(position, BreakKind.ALTERED, stored, recomputed,
                        "The commit at " + position + " no longer hashes to the hash stored with it: its content was changed."));
            }
            return indexFieldsDisagree(commit, position);
        } catch (RuntimeException malformed) {
            // Wrong types or missing fields: nothing the engine writes, so the document was edited.
            return Optional.of(new BrokenLink(position, BreakKind.ALTERED, "a well-formed commit", String.valueOf(malformed.getMessage()),
                    "The commit at " + position + " is malformed: it was edited outside the event store."));
        }
    }

    /** The fields the hash does not cover are derived from those it does; they must still agree. */
    private static Optional<BrokenLink> indexFieldsDisagree(Document commit, long position) {
        Set<String> extraFields = new HashSet<>(commit.keySet());
        extraFields.removeAll(COMMIT_FIELDS);
        if (!extraFields.isEmpty()) {
            return Optional.of(altered(position, "fields " + COMMIT_FIELDS, "extra fields " + extraFields));
        }
        List<Document> events = commit.getList(EVENTS, Document.class);
        if (events.isEmpty()) {
            return Optional.of(altered(position, "at least one event", "no events"));
        }
        List<Long> positions = new ArrayList<>();
        List<String> aggregateKeys = new ArrayList<>();
        Set<String> eventFields = Set.copyOf(CommitHasher.hashedEventFields());
        for (int i = 0; i < events.size(); i++) {
            Document event = events.get(i);
            if (!eventFields.equals(event.keySet())) {
                return Optional.of(altered(position, "event fields " + CommitHasher.hashedEventFields(), "event fields " + event.keySet()));
            }
            long eventPosition = longOf(event.get("position"));
            if (eventPosition != position + i) {
                return Optional.of(altered(position, "event position " + (position + i), "event position " + eventPosition));
            }
            positions.add(eventPosition);
            if (event.get("aggregateType") != null) {
                aggregateKeys.add(event.get("aggregateId") + ":" + longOf(event.get("sequence")));
            }
        }
        if (aggregateKeys.isEmpty()) {
            aggregateKeys.add("~commit:" + position);
        }
        long last = positions.get(positions.size() - 1);
        if (longOf(commit.get(LAST_POSITION)) != last) {
            return Optional.of(altered(position, LAST_POSITION + "=" + last, LAST_POSITION + "=" + commit.get(LAST_POSITION)));
        }
        List<Long> storedPositions = commit.getList(POSITIONS, Object.class).stream().map(HashChainVerifier::longOf).toList();
        if (!positions.equals(storedPositions)) {
            return Optional.of(altered(position, POSITIONS + "=" + positions, POSITIONS + "=" + storedPositions));
        }
        List<String> storedKeys = commit.getList(AGGREGATE_KEYS, String.class);
        if (!aggregateKeys.equals(storedKeys)) {
            return Optional.of(altered(position, AGGREGATE_KEYS + "=" + aggregateKeys, AGGREGATE_KEYS + "=" + storedKeys));
        }
        Date expectedDate = Date.from(Instant.parse(commit.getString(COMMITTED_AT)));
        if (!expectedDate.equals(commit.get(COMMITTED_AT_DATE))) {
            return Optional.of(altered(position, COMMITTED_AT_DATE + "=" + expectedDate.toInstant(),
                    COMMITTED_AT_DATE + "=" + commit.get(COMMITTED_AT_DATE)));
        }
        return Optional.empty();
    }

    /**
     * The gap at a missing start, if the log continues after it: first among the commits already fetched, then
     * by {@code _id} lookups up to {@link #LOOK_AHEAD} positions on (a deleted unit of work is rarely longer),
     * or up to the engine's head hint, which lags the head by at most a few dozen commits.
     */
    private Optional<BrokenLink> gapAt(long missing, Map<Long, Document> fetched) {
        Optional<Long> inWindow = fetched.keySet().stream().filter(id -> id > missing).min(Long::compare);
        if (inWindow.isPresent()) {
            return Optional.of(gap(missing, inWindow.get()));
        }
        Document hint = headHints.find(Filters.eq(ID, HEAD_HINT_ID)).first();
        long hinted = hint == null ? 0 : longOf(hint.get(LAST_POSITION));
        long probeTo = Math.max(hinted, missing + LOOK_AHEAD);
        int window = Math.max(batchSize, 256);
        for (long from = missing + 1; from <= probeTo; from += window) {
            List<Long> candidates = LongStream.range(from, Math.min(from + window, probeTo + 1)).boxed().toList();
            Optional<Long> found = commits.find(Filters.in(ID, candidates)).projection(new Document(ID, 1))
                    .map(d -> longOf(d.get(ID))).into(new ArrayList<>()).stream().min(Long::compare);
            if (found.isPresent()) {
                return Optional.of(gap(missing, found.get()));
            }
        }
        if (hinted >= missing) {
            // The engine recorded that the log reached this far, yet nothing starts after the gap: the tail was deleted.
            return Optional.of(new BrokenLink(missing, BreakKind.GAP, "commits up to position " + hinted
                    + " (the engine's head hint)", "no commit from position " + missing,
                    "The log ends at " + (missing - 1) + " although the event store had written up to " + hinted
                            + ": its newest commits were deleted."));
        }
        return Optional.empty();
    }

    private static BrokenLink gap(long missing, long nextFound) {
        return new BrokenLink(missing, BreakKind.GAP, "a commit starting at position " + missing,
                "the next commit starts at position " + nextFound,
                "Positions " + missing + " to " + (nextFound - 1) + " are missing although the log continues: a commit was deleted.");
    }

    private static BrokenLink brokenChain(long position, String expectedPrevious, String foundPrevious) {
        return new BrokenLink(position, BreakKind.BROKEN_CHAIN, expectedPrevious, foundPrevious,
                "The commit at " + position + " does not chain to the commit before it: a commit was inserted, removed, "
                        + "reordered, or altered and re-hashed at this point.");
    }

    private static BrokenLink altered(long position, String expected, String found) {
        return new BrokenLink(position, BreakKind.ALTERED, expected, found,
                "The commit at " + position + " disagrees with its own hashed content: it was changed outside the event store.");
    }

    private static long firstPositionOf(Document commit) {
        return longOf(commit.get(ID));
    }

    private static long longOf(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("expected a number, found " + value);
    }

    /** Told about each commit that verified, in log order. */
    @FunctionalInterface
    interface CommitVisitor {
        CommitVisitor NONE = (first, last, hash) -> {
        };

        void verified(long firstPosition, long lastPosition, String hash);
    }
}
