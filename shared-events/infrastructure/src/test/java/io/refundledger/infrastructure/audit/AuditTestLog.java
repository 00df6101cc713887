package io.refundledger.infrastructure.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database on the embedded server, a log written by the real engine, and a hand to tamper with it. */
final class AuditTestLog implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    final MongoClient client;
    final MongoDatabase database;
    final MongoCommitLogStorageEngine engine;
    final MongoCollection<Document> commits;
    private final Map<String, Long> nextSequence = new java.util.HashMap<>();

    AuditTestLog() {
        client = MongoClients.create(TestMongo.server().connectionString(""));
        database = client.getDatabase("audit" + DATABASES.incrementAndGet());
        engine = MongoCommitLogStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.storageSerializer())
                .snapshotSerializer(LedgerSerializers.storageSerializer())
                .build();
        commits = database.getCollection(MongoCommitLogStorageEngine.COMMITS);
    }

    HashChainVerifier verifier() {
        return new HashChainVerifier(database, 7); // a small window, so walks cross several lookups
    }

    /** One commit with events {@code first..first+count-1} of the aggregate; returns the commit's first position. */
    long append(String aggregateId, long firstSequence, int count) {
        GenericDomainEventMessage<?>[] events = new GenericDomainEventMessage<?>[count];
        for (int i = 0; i < count; i++) {
            long sequence = firstSequence + i;
            events[i] = new GenericDomainEventMessage<>("RefundApplication", aggregateId, sequence,
                    new NoteAdded(aggregateId, sequence, "note " + sequence),
                    MetaData.from(Map.of("actor", "reviewer", "correlationId", aggregateId + "-" + sequence)));
        }
        engine.appendEvents(events);
        return headCommit().getLong("_id");
    }

    /**
     * Appends {@code commits} single-event commits, alternating between aggregates "a" and "b" (starting with
     * "a"), each continuing where its previous events ended.
     */
    void appendAlternating(int commits) {
        for (int i = 0; i < commits; i++) {
            String aggregate = i % 2 == 0 ? "a" : "b";
            append(aggregate, nextSequence.merge(aggregate, 1L, Long::sum) - 1, 1);
        }
    }

    Document commit(long firstPosition) {
        return commits.find(Filters.eq("_id", firstPosition)).first();
    }

    Document headCommit() {
        // Test-only: a sort is fine on a handful of commits.
        return commits.find().sort(new Document("_id", -1)).first();
    }

    void set(long firstPosition, String field, Object value) {
        commits.updateOne(Filters.eq("_id", firstPosition), new Document("$set", new Document(field, value)));
    }

    void delete(long firstPosition) {
        commits.deleteOne(Filters.eq("_id", firstPosition));
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }

    record NoteAdded(String aggregateId, long sequence, String note) {
    }
}
