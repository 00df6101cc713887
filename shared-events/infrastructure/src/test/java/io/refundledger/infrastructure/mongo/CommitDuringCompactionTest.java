package io.refundledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While H2 holds its store lock (its background compaction does, for seconds on a large file), writes wait for their
 * commit but reads go on: a commit waiting for that lock inside the backend's read lock once held up every writer, and
 * every reader queued behind a waiting writer.
 */
class CommitDuringCompactionTest {

    @TempDir
    Path data;

    @Test
    void readersAreAnsweredWhileACommitWaitsForH2sStoreLockAndTheWritesAreAcknowledgedOnceItIsFree() throws Exception {
        MVStore store = new MVStore.Builder().fileName(data.resolve("refund-ledger.mv").toString()).open();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onStore(store);
             MongoClient client = MongoClients.create(server.connectionString("ledger"))) {
            MongoCollection<Document> views = client.getDatabase("ledger").getCollection("views");
            views.insertOne(new Document("_id", "before"));

            ReentrantLock storeLock = storeLockOf(store);
            CompletableFuture<Void> first;
            CompletableFuture<Void> second;
            storeLock.lock(); // as a compaction step does
            try {
                first = CompletableFuture.runAsync(() -> views.insertOne(new Document("_id", "first")));
                TimeUnit.MILLISECONDS.sleep(300); // applied, and waiting for its commit
                second = CompletableFuture.runAsync(() -> views.insertOne(new Document("_id", "second")));
                TimeUnit.MILLISECONDS.sleep(300);

                CompletableFuture<Document> read = CompletableFuture.supplyAsync(
                        () -> views.find(Filters.eq("_id", "before")).first());
                assertThat(read.get(5, TimeUnit.SECONDS)).as("a read while the store lock is held").isNotNull();
                assertThat(first).as("acknowledged only once committed").isNotDone();
                assertThat(second).isNotDone();
            } finally {
                storeLock.unlock();
            }
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertThat(store.hasUnsavedChanges()).as("both writes committed before they were acknowledged").isFalse();
            assertThat(views.countDocuments()).isEqualTo(3);
        }
    }

    @Test
    void aWriteWaitingForItsCommitHoldsUpNoOtherConnection() throws Exception {
        MVStore store = new MVStore.Builder().fileName(data.resolve("refund-ledger.mv").toString()).open();
        List<MongoClient> readers = new ArrayList<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onStore(store);
             MongoClient writer = MongoClients.create(server.connectionString("ledger"))) {
            writer.getDatabase("ledger").getCollection("views").insertOne(new Document("_id", "before"));
            // Each client opens its own connections, which the server binds to its event loops in turn: with netty's
            // default of four loops on two cores, some of these shared the waiting write's loop.
            for (int i = 0; i < 8; i++) {
                MongoClient reader = MongoClients.create(server.connectionString("ledger"));
                reader.getDatabase("ledger").getCollection("views").find().first(); // connected before the write waits
                readers.add(reader);
            }

            ReentrantLock storeLock = storeLockOf(store);
            CompletableFuture<Void> write;
            storeLock.lock(); // as a compaction step does
            try {
                write = CompletableFuture.runAsync(() -> writer.getDatabase("ledger").getCollection("views")
                        .insertOne(new Document("_id", "waiting")));
                TimeUnit.MILLISECONDS.sleep(300);
                for (MongoClient reader : readers) {
                    CompletableFuture<Document> read = CompletableFuture.supplyAsync(() -> reader.getDatabase("ledger")
                            .getCollection("views").find(Filters.eq("_id", "before")).first());
                    assertThat(read.get(5, TimeUnit.SECONDS)).as("a read on another connection").isNotNull();
                }
                assertThat(write).as("acknowledged only once committed").isNotDone();
            } finally {
                storeLock.unlock();
            }
            write.get(10, TimeUnit.SECONDS);
        } finally {
            readers.forEach(MongoClient::close);
        }
    }

    private static ReentrantLock storeLockOf(MVStore store) throws ReflectiveOperationException {
        Field field = MVStore.class.getDeclaredField("storeLock");
        field.setAccessible(true);
        return (ReentrantLock) field.get(store);
    }
}
