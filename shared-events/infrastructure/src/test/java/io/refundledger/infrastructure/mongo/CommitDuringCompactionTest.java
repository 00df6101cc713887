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

    private static ReentrantLock storeLockOf(MVStore store) throws ReflectiveOperationException {
        Field field = MVStore.class.getDeclaredField("storeLock");
        field.setAccessible(true);
        return (ReentrantLock) field.get(store);
    }
}
