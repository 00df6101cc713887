package io.refundledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream answers with live stored documents that a concurrent write can change before the answer is
 * encoded, so two clients incrementing one counter could both be told the same value.
 */
class EmbeddedMongoIsolationTest {

    @TempDir
    Path data;

    @Test
    void concurrentIncrementsEachSeeTheirOwnResultInMemory() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory()) {
            assertDistinctCounterValues(server);
        }
    }

    @Test
    void concurrentIncrementsEachSeeTheirOwnResultOnTheDurableFile() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false)) {
            assertDistinctCounterValues(server);
        }
    }

    private static void assertDistinctCounterValues(EmbeddedMongoServer server) throws Exception {
        int threads = 8;
        int perThread = 50;
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        try (MongoClient client = MongoClients.create(server.connectionString(""))) {
            MongoCollection<Document> counters = client.getDatabase("isolation").getCollection("counters");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = IntStream.range(0, threads).<Future<?>>mapToObj(t -> pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Document after = counters.findOneAndUpdate(new Document("_id", "day"),
                                new Document("$inc", new Document("next", 1)),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        seen.add(after.getInteger("next"));
                    }
                    return null;
                })).toList();
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(seen).hasSize(threads * perThread);
    }
}
