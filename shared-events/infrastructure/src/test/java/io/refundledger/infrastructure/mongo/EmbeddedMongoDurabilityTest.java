package io.refundledger.infrastructure.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default must not lose an acknowledged write when the process hosting it is killed with
 * SIGKILL: no shutdown hook runs, nothing is flushed on the way out.
 */
class EmbeddedMongoDurabilityTest {

    @TempDir
    Path dataDirectory;

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        int port = freePort();
        Process first = startDatabaseProcess(port);
        int acknowledged = 200;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> collection = client.getDatabase("durability").getCollection("writes");
            for (int i = 0; i < acknowledged; i++) {
                collection.insertOne(new Document("_id", i).append("payload", "write " + i));
            }
            collection.updateOne(new Document("_id", 7), new Document("$set", new Document("updated", true)));
            collection.deleteOne(new Document("_id", 8));
        }
        first.destroyForcibly(); // SIGKILL on Linux
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = startDatabaseProcess(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> collection = client.getDatabase("durability").getCollection("writes");
            assertThat(collection.countDocuments()).isEqualTo(acknowledged - 1);
            assertThat(collection.find(new Document("_id", 7)).first().getBoolean("updated")).isTrue();
            assertThat(collection.find(new Document("_id", 8)).first()).isNull();
            assertThat(collection.find(new Document("_id", acknowledged - 1)).first().getString("payload"))
                    .isEqualTo("write " + (acknowledged - 1));
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Group commit: writers that share a commit are acknowledged only after it; killed mid-stream, none is lost. */
    @Test
    void concurrentWritersKilledMidStreamLoseNoAcknowledgedWrite() throws Exception {
        int port = freePort();
        Process first = startDatabaseProcess(port);
        int writers = 8;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?connectTimeoutMS=2000&serverSelectionTimeoutMS=2000")) {
            MongoCollection<Document> collection = client.getDatabase("durability").getCollection("concurrent");
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String id = writer + "-" + i;
                        try {
                            collection.insertOne(new Document("_id", id).append("payload", "x".repeat(200)));
                            acknowledged.add(id);
                        } catch (RuntimeException e) {
                            return; // the server is gone: this write was never acknowledged
                        }
                    }
                });
            }
            while (acknowledged.size() < 400) {
                Thread.sleep(5);
            }
            first.destroyForcibly(); // SIGKILL, while every writer has a write in flight
            killed.set(true);
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        Process second = startDatabaseProcess(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> collection = client.getDatabase("durability").getCollection("concurrent");
            Set<String> stored = new HashSet<>();
            collection.find().forEach(d -> stored.add(d.getString("_id")));
            assertThat(stored).containsAll(acknowledged);
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A write whose concern says {@code j: false} (a projection's model writes) is answered before it is committed;
     * the next write that waits (the projection's token) commits it with itself.
     */
    @Test
    void writesThatDoNotWaitForTheJournalAreCommittedByTheNextWriteThatDoes() {
        MVStore store = new MVStore.Builder().fileName(dataDirectory.resolve("journal.mv.db").toString())
                .autoCommitDisabled().open();
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(new DurableH2Backend(store, false), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString(""))) {
            MongoCollection<Document> waiting = client.getDatabase("durability").getCollection("journal");
            MongoCollection<Document> notWaiting = waiting.withWriteConcern(WriteConcern.W1.withJournal(false));
            waiting.insertOne(new Document("_id", "first"));
            long committedVersion = store.getCurrentVersion();

            for (int i = 0; i < 10; i++) {
                notWaiting.insertOne(new Document("_id", "model " + i));
            }
            notWaiting.updateOne(new Document("_id", "model 0"), new Document("$set", new Document("changed", true)));
            assertThat(store.getCurrentVersion()).isEqualTo(committedVersion);
            assertThat(store.hasUnsavedChanges()).isTrue();

            waiting.insertOne(new Document("_id", "token"));
            assertThat(store.getCurrentVersion()).isEqualTo(committedVersion + 1);
            assertThat(store.hasUnsavedChanges()).isFalse();
        }
    }

    /** Killed after a waiting write, nothing written before it without waiting is lost. */
    @Test
    void writesThatDidNotWaitSurviveKillMinusNineOnceALaterWriteWaited() throws Exception {
        int port = freePort();
        Process first = startDatabaseProcess(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> waiting = client.getDatabase("durability").getCollection("models");
            MongoCollection<Document> notWaiting = waiting.withWriteConcern(WriteConcern.W1.withJournal(false));
            for (int i = 0; i < 100; i++) {
                notWaiting.insertOne(new Document("_id", i));
            }
            waiting.insertOne(new Document("_id", "token"));
        }
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = startDatabaseProcess(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(client.getDatabase("durability").getCollection("models").countDocuments()).isEqualTo(101);
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startDatabaseProcess(int port) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedMongoMain.class.getName());
        builder.environment().put("EMBEDDED_MONGO_PORT", Integer.toString(port));
        builder.environment().put("EMBEDDED_MONGO_DATA", dataDirectory.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("EMBEDDED_MONGO_READY")) {
                drainInBackground(output);
                return process;
            }
        }
        throw new IllegalStateException("embedded database did not start: " + String.join("\n", lines));
    }

    private static void drainInBackground(BufferedReader output) {
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "drain");
        drain.setDaemon(true);
        drain.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
