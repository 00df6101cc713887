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

    /**
     * Queries are answered without a copy where documents stay BSON: each read decodes its own, or shares one decoded
     * lately that nothing changes. Updates through upstream's code change the document they read in place, so they
     * must never get a shared one: readers here would see a document with one counter moved and not the other.
     */
    @Test
    void queriesNeverSeeAnUpdateHalfAppliedOnTheDurableFile() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(server.connectionString(""))) {
            MongoCollection<Document> pairs = client.getDatabase("isolation").getCollection("pairs");
            List<String> ids = IntStream.range(0, 4).mapToObj(i -> "pair-" + i).toList();
            ids.forEach(id -> pairs.insertOne(new Document("_id", id).append("a", 0).append("b", 0)
                    .append("history", List.of())));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            Set<String> torn = ConcurrentHashMap.newKeySet();
            try {
                List<Future<?>> futures = new java.util.ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 300; i++) {
                            // Upstream's update path ($inc, $push), not the direct replacement.
                            pairs.updateOne(new Document("_id", ids.get(i % ids.size())), new Document("$inc",
                                    new Document("a", 1).append("b", 1)).append("$push", new Document("history", i)));
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < 4; r++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 600; i++) {
                            for (Document pair : pairs.find(new Document("_id", new Document("$in", ids)))) {
                                int a = pair.getInteger("a");
                                if (a != pair.getInteger("b") || a != pair.getList("history", Integer.class).size()) {
                                    torn.add(pair.toJson());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(torn).isEmpty();
            assertThat(pairs.find().map(d -> d.getInteger("a")).into(new java.util.ArrayList<>()))
                    .containsExactly(150, 150, 150, 150);
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
