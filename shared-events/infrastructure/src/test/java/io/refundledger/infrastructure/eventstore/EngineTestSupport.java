package io.refundledger.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database on the shared embedded server, reached through the real driver, and engines on it. */
final class EngineTestSupport implements AutoCloseable {

    static final String AGGREGATE_TYPE = "RefundApplication";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final MongoClient client;
    final MongoDatabase database;

    EngineTestSupport() {
        client = MongoClients.create(TestMongo.server().connectionString(""));
        database = client.getDatabase("engine" + DATABASES.incrementAndGet());
    }

    /** A new engine on the same database: behaves like another process appending to the same store. */
    MongoCommitLogStorageEngine newEngine() {
        return MongoCommitLogStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.storageSerializer())
                .snapshotSerializer(LedgerSerializers.storageSerializer())
                .batchSize(100)
                .build();
    }

    static DomainEventMessage<SampleEvent> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequence,
                new SampleEvent(aggregateId, sequence, "note " + sequence));
    }

    static List<? extends TrackedEventMessage<?>> readAll(MongoCommitLogStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).toList();
    }

    static long position(TrackedEventMessage<?> event) {
        return ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }

    record SampleEvent(String aggregateId, long sequence, String note) {
    }
}
