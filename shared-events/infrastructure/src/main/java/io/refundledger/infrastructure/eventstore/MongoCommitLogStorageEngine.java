package io.refundledger.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * An Axon {@code EventStorageEngine} on plain MongoDB that needs no transactions and no range scans.
 *
 * <p>One document per unit of work ("commit") holds all its events, so an append is one atomic insert.
 * A commit's {@code _id} is the global position of its first event, and positions are dense: a writer can
 * only claim {@code _id = p} after it has read the commit that ends at {@code p - 1}, and the unique
 * {@code _id} lets exactly one writer claim it. A commit is therefore never visible before its
 * predecessor, and a loser retries at the next free position, so no position is ever used up.
 *
 * <p>Optimistic concurrency comes from a unique multikey index on {@code aggregateKeys}
 * ("aggregateId:sequence"): an append that reuses a sequence number fails whole with Axon's
 * {@link ConcurrencyException}.
 *
 * <p>Every hot-path read is an equality or {@code $in} lookup on {@code _id} or a unique index: tailing
 * asks for the commits that start at the next positions, loading an aggregate follows its keys. That keeps
 * costs flat as the store grows, even on servers that execute range queries as full scans.
 *
 * <p>Each commit carries a SHA-256 hash chained to its predecessor's (see {@link CommitHasher}).
 */
public class MongoCommitLogStorageEngine extends BatchingEventStorageEngine {

    public static final String COMMITS = "event_commits";
    public static final String SNAPSHOTS = "event_snapshots";
    public static final String HEAD_HINTS = "event_head_hint";

    static final String AGGREGATE_KEYS = "aggregateKeys";
    static final String POSITIONS = "positions";
    static final String LAST_POSITION = "lastPosition";
    static final String EVENTS = "events";
    static final String HASH = "hash";
    static final String PREVIOUS_HASH = "previousHash";
    static final String COMMITTED_AT = "committedAt";
    static final String COMMITTED_AT_DATE = "committedAtDate";

    private static final int DUPLICATE_KEY = 11000;
    private static final String HEAD_HINT_ID = "head";
    /** How often the head hint is moved forward; between hints, writers walk forward by {@code _id} lookups. */
    private static final int HEAD_HINT_INTERVAL = 64;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> headHints;
    private final java.time.Clock clock;

    /** The position the next commit will claim, and the hash it chains to; refreshed on every conflict. */
    private Head head;
    private long commitsSinceHint;

    protected MongoCommitLogStorageEngine(Builder builder) {
        super(builder);
        WriteConcern durable = builder.writeConcern;
        this.commits = builder.database.getCollection(COMMITS).withWriteConcern(durable);
        this.snapshots = builder.database.getCollection(SNAPSHOTS).withWriteConcern(durable);
        this.headHints = builder.database.getCollection(HEAD_HINTS).withWriteConcern(durable);
        this.clock = builder.clock;
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void ensureIndexes() {
        commits.createIndex(Indexes.ascending(AGGREGATE_KEYS), new IndexOptions().unique(true).name("unique_aggregate_sequence"));
        commits.createIndex(Indexes.ascending(POSITIONS), new IndexOptions().unique(true).name("unique_position"));
        // Only for rare, non-hot-path lookups (token at a point in time) on a real MongoDB.
        commits.createIndex(Indexes.ascending(COMMITTED_AT_DATE), new IndexOptions().name("committed_at"));
    }

    // ----------------------------------------------------------------------------------------------- append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<PreparedEvent> prepared = events.stream().map(e -> PreparedEvent.of(e, serializer)).toList();
        synchronized (this) {
            Head current = head != null ? head : discoverHead();
            while (true) {
                Document commit = commitDocument(current, prepared);
                try {
                    commits.insertOne(commit);
                    head = new Head(commit.getLong(LAST_POSITION) + 1, commit.getString(HASH));
                    maybeAdvanceHeadHint();
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY && e.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                    Optional<String> takenKey = firstTakenAggregateKey(prepared);
                    if (takenKey.isPresent()) {
                        throw new ConcurrencyException("An event for aggregate sequence " + takenKey.get()
                                + " has already been stored", e);
                    }
                    // Another writer claimed this position first: move on past its commit and try again.
                    current = walkForward(current);
                }
            }
        }
    }

    private Document commitDocument(Head at, List<PreparedEvent> events) {
        String committedAt = clock.instant().toString();
        List<Document> eventDocuments = new ArrayList<>(events.size());
        List<Long> positions = new ArrayList<>(events.size());
        List<String> aggregateKeys = new ArrayList<>();
        long position = at.nextPosition();
        for (PreparedEvent event : events) {
            eventDocuments.add(event.toDocument(position));
            positions.add(position);
            event.aggregateKey().ifPresent(aggregateKeys::add);
            position++;
        }
        if (aggregateKeys.isEmpty()) {
            // An empty array is indexed as one shared "undefined" key, which a unique index would reject twice.
            aggregateKeys.add("~commit:" + at.nextPosition());
        }
        String hash = CommitHasher.hash(at.previousHash(), at.nextPosition(), committedAt, eventDocuments);
        return new Document("_id", at.nextPosition())
                .append(LAST_POSITION, position - 1)
                .append(POSITIONS, positions)
                .append(AGGREGATE_KEYS, aggregateKeys)
                .append(COMMITTED_AT, committedAt)
                .append(COMMITTED_AT_DATE, Date.from(Instant.parse(committedAt)))
                .append(PREVIOUS_HASH, at.previousHash())
                .append(HASH, hash)
                .append(EVENTS, eventDocuments);
    }

    private Optional<String> firstTakenAggregateKey(List<PreparedEvent> events) {
        // Per aggregate, only its lowest new sequence number matters: later ones cannot exist without it.
        Map<String, String> lowestKeyPerAggregate = new LinkedHashMap<>();
        for (PreparedEvent event : events) {
            event.aggregateKey().ifPresent(key -> lowestKeyPerAggregate.putIfAbsent(event.aggregateId(), key));
        }
        return lowestKeyPerAggregate.values().stream()
                .filter(key -> commits.find(Filters.eq(AGGREGATE_KEYS, key)).projection(new Document("_id", 1)).first() != null)
                .findFirst();
    }

    /** Finds the end of the log starting from a known point, by {@code _id} lookups only. */
    private Head walkForward(Head from) {
        Head current = from;
        while (true) {
            Document next = commits.find(Filters.eq("_id", current.nextPosition()))
                    .projection(new Document(LAST_POSITION, 1).append(HASH, 1)).first();
            if (next == null) {
                return current;
            }
            current = new Head(next.getLong(LAST_POSITION) + 1, next.getString(HASH));
        }
    }

    private Head discoverHead() {
        Document hint = headHints.find(Filters.eq("_id", HEAD_HINT_ID)).first();
        Head start = new Head(1, CommitHasher.GENESIS);
        if (hint != null) {
            long hintedLast = hint.getLong(LAST_POSITION);
            Document commit = commits.find(Filters.eq(POSITIONS, hintedLast))
                    .projection(new Document(LAST_POSITION, 1).append(HASH, 1)).first();
            if (commit != null) {
                start = new Head(commit.getLong(LAST_POSITION) + 1, commit.getString(HASH));
            }
        }
        return walkForward(start);
    }

    private void maybeAdvanceHeadHint() {
        if (++commitsSinceHint < HEAD_HINT_INTERVAL) {
            return;
        }
        commitsSinceHint = 0;
        headHints.updateOne(Filters.eq("_id", HEAD_HINT_ID),
                Updates.max(LAST_POSITION, head.nextPosition() - 1), new UpdateOptions().upsert(true));
    }

    // ---------------------------------------------------------------------------------------------- tailing

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long after = lastSeenPosition(lastToken);
        List<Long> candidateStarts = LongStream.rangeClosed(after + 1, after + batchSize).boxed().toList();
        List<Document> found = new ArrayList<>();
        commits.find(Filters.in("_id", candidateStarts)).projection(new Document(EVENTS, 1)).into(found);
        if (found.stream().noneMatch(c -> c.getLong("_id") == after + 1)) {
            // The reader stopped inside a commit last time: fetch the commit that holds the next position.
            Document straddling = commits.find(Filters.eq(POSITIONS, after + 1)).projection(new Document(EVENTS, 1)).first();
            if (straddling != null) {
                found.add(straddling);
            }
        }
        List<Document> events = found.stream()
                .flatMap(c -> c.getList(EVENTS, Document.class).stream())
                .filter(e -> StoredEvent.position(e) > after)
                .sorted(Comparator.comparingLong(StoredEvent::position))
                .toList();
        // A multi-document read is not a snapshot on a real server: hand out only the gap-free prefix, so
        // no reader ever sees a later position before an earlier one. The rest comes with the next poll.
        List<TrackedEventData<?>> result = new ArrayList<>(events.size());
        long expected = after + 1;
        for (Document event : events) {
            if (StoredEvent.position(event) != expected) {
                break;
            }
            result.add(StoredEvent.toTrackedEventData(event));
            expected++;
        }
        return result;
    }

    private static long lastSeenPosition(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null) {
            return 0;
        }
        if (unwrapped instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Unsupported token type " + unwrapped.getClass().getName()
                + "; this store tracks with GlobalSequenceTrackingToken");
    }

    @Override
    public TrackingToken createTailToken() {
        return null; // before position 1
    }

    @Override
    public TrackingToken createHeadToken() {
        Head current;
        synchronized (this) {
            current = discoverHead();
        }
        return current.nextPosition() == 1 ? null : new GlobalSequenceTrackingToken(current.nextPosition() - 1);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // Rare (processor set-up), so a range query is acceptable here.
        Document first = commits.find(Filters.gte(COMMITTED_AT_DATE, Date.from(dateTime)))
                .sort(Sorts.ascending("_id")).projection(new Document("_id", 1)).first();
        if (first == null) {
            return createHeadToken();
        }
        long position = first.getLong("_id");
        return position == 1 ? null : new GlobalSequenceTrackingToken(position - 1);
    }

    // ------------------------------------------------------------------------------------ aggregate loading

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long nextSequence = firstSequenceNumber;
        while (result.size() < batchSize) {
            Document commit = commits.find(Filters.eq(AGGREGATE_KEYS, aggregateKey(aggregateIdentifier, nextSequence)))
                    .projection(new Document(EVENTS, 1)).first();
            if (commit == null) {
                break;
            }
            long from = nextSequence;
            List<Document> own = commit.getList(EVENTS, Document.class).stream()
                    .filter(e -> aggregateIdentifier.equals(e.getString(StoredEvent.AGGREGATE_ID))
                            && e.getString(StoredEvent.AGGREGATE_TYPE) != null
                            && e.getLong(StoredEvent.SEQUENCE) >= from)
                    .sorted(Comparator.comparingLong(e -> e.getLong(StoredEvent.SEQUENCE)))
                    .toList();
            for (Document event : own) {
                result.add(StoredEvent.toDomainEventData(event));
                nextSequence = event.getLong(StoredEvent.SEQUENCE) + 1;
            }
        }
        return result;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Long last = null;
        long next = 0;
        Document snapshot = snapshots.find(Filters.eq("_id", aggregateIdentifier)).projection(new Document(StoredEvent.SEQUENCE, 1)).first();
        if (snapshot != null) {
            last = snapshot.getLong(StoredEvent.SEQUENCE);
            next = last + 1;
        }
        while (true) {
            Document commit = commits.find(Filters.eq(AGGREGATE_KEYS, aggregateKey(aggregateIdentifier, next)))
                    .projection(new Document(AGGREGATE_KEYS, 1)).first();
            if (commit == null) {
                return Optional.ofNullable(last);
            }
            String prefix = aggregateIdentifier + ":";
            long highest = commit.getList(AGGREGATE_KEYS, String.class).stream()
                    .filter(k -> k.startsWith(prefix))
                    .mapToLong(k -> Long.parseLong(k.substring(prefix.length())))
                    .max().orElseThrow();
            last = highest;
            next = highest + 1;
        }
    }

    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + ":" + sequenceNumber;
    }

    // ------------------------------------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        PreparedEvent prepared = PreparedEvent.of(snapshot, serializer);
        Document document = prepared.toDocument(-1).append("_id", snapshot.getAggregateIdentifier());
        try {
            // Only ever replace an older snapshot with a newer one.
            snapshots.replaceOne(Filters.and(Filters.eq("_id", snapshot.getAggregateIdentifier()),
                            Filters.lt(StoredEvent.SEQUENCE, snapshot.getSequenceNumber())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A snapshot at least as new is already stored.
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(StoredEvent.toDomainEventData(snapshot));
    }

    // --------------------------------------------------------------------------------------------- helpers

    private record Head(long nextPosition, String previousHash) {
    }

    private record PreparedEvent(String eventId, String aggregateType, String aggregateId, long sequence,
                                 Instant timestamp, SerializedObject<String> payload, SerializedObject<String> metaData) {

        static PreparedEvent of(EventMessage<?> event, Serializer serializer) {
            SerializedObject<String> payload = serializer.serialize(event.getPayload(), String.class);
            SerializedObject<String> metaData = serializer.serialize(event.getMetaData(), String.class);
            if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                return new PreparedEvent(event.getIdentifier(), domain.getType(), domain.getAggregateIdentifier(),
                        domain.getSequenceNumber(), event.getTimestamp(), payload, metaData);
            }
            // Like Axon's JPA engine: an event without an aggregate is stored under its own id.
            return new PreparedEvent(event.getIdentifier(), null, event.getIdentifier(), 0, event.getTimestamp(), payload, metaData);
        }

        Optional<String> aggregateKey() {
            return aggregateType == null ? Optional.empty() : Optional.of(MongoCommitLogStorageEngine.aggregateKey(aggregateId, sequence));
        }

        Document toDocument(long position) {
            return new Document(StoredEvent.POSITION, position)
                    .append(StoredEvent.EVENT_ID, eventId)
                    .append(StoredEvent.AGGREGATE_TYPE, aggregateType)
                    .append(StoredEvent.AGGREGATE_ID, aggregateId)
                    .append(StoredEvent.SEQUENCE, sequence)
                    .append(StoredEvent.TIMESTAMP, timestamp.toString())
                    .append(StoredEvent.PAYLOAD_TYPE, payload.getType().getName())
                    .append(StoredEvent.PAYLOAD_REVISION, payload.getType().getRevision())
                    .append(StoredEvent.PAYLOAD, payload.getData())
                    .append(StoredEvent.META_DATA, metaData.getData());
        }
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private WriteConcern writeConcern = WriteConcern.MAJORITY.withJournal(true);
        private java.time.Clock clock = java.time.Clock.systemUTC();

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = writeConcern;
            return this;
        }

        public Builder clock(java.time.Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
        }

        public MongoCommitLogStorageEngine build() {
            return new MongoCommitLogStorageEngine(this);
        }
    }
}
