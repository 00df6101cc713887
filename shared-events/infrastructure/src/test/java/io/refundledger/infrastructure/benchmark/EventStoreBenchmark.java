package io.refundledger.infrastructure.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.mongo.EmbeddedMongoServer;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Event store throughput on the embedded default (durable H2 file), through the real driver: the raw
 * driver, our commit-log engine, and Axon's Mongo extension engine as the peer, each at 10k and at 100k
 * events in its store. All figures come from one run on one machine, so compare them as ratios.
 *
 * <p>Run: {@code ./mvnw -q -B -pl shared-events/infrastructure -am -DskipTests -Pbenchmark verify}.
 * Results are printed and written to {@code benchmark-results/event-store.txt}.
 */
public final class EventStoreBenchmark {

    private static final String TYPE = "Benchmark";
    /** Store sizes to measure the engines at; {@code -Dbenchmark.store-sizes=} (empty) measures the raw writes only. */
    private static final int[] STORE_SIZES = java.util.Arrays.stream(
                    System.getProperty("benchmark.store-sizes", "10000,100000").split(","))
            .map(String::strip).filter(v -> !v.isEmpty()).mapToInt(Integer::parseInt).toArray();
    /** The peer's reads are full scans on this server; cap each of its measurements so the run ends. */
    private static final long PEER_TIME_BUDGET_NANOS = 15_000_000_000L;

    private final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new EventStoreBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("event-store-benchmark");
        row("store", "events in store", "measurement", "rate", "unit");
        durabilityCost(work);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(work.resolve("main"), "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(server.connectionString(""))) {
            MongoDatabase database = client.getDatabase("benchmark");
            Subject ours = new Subject("ours", MongoCommitLogStorageEngine.builder().database(database)
                    .eventSerializer(LedgerSerializers.storageSerializer())
                    .snapshotSerializer(LedgerSerializers.storageSerializer()).batchSize(100).build(),
                    database.getCollection(MongoCommitLogStorageEngine.COMMITS), false);
            Subject peer = new Subject("axon-mongo", MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                    .storageStrategy(new DocumentPerEventStorageStrategy())
                    .eventSerializer(LedgerSerializers.storageSerializer())
                    .snapshotSerializer(LedgerSerializers.storageSerializer())
                    .batchSize(100).build(),
                    database.getCollection("domainevents"), true);
            for (int size : STORE_SIZES) {
                for (Subject subject : List.of(ours, peer)) {
                    subject.fillTo(size);
                    measure(subject, size);
                }
            }
        }
        print();
    }

    /** What an acknowledged write costs on the embedded server, with and without durable commits. */
    private void durabilityCost(Path work) throws Exception {
        record Variant(String name, Supplier<EmbeddedMongoServer> start) {
        }
        List<Variant> variants = List.of(
                new Variant("embedded, group commit (default)",
                        () -> EmbeddedMongoServer.startDurable(work.resolve("durable"), "127.0.0.1", 0, false)),
                new Variant("embedded, before group commit and point lookups",
                        () -> EmbeddedMongoServer.startDurableUnoptimised(work.resolve("before"))),
                new Variant("embedded, upstream H2 file (commits ~1/s, NOT durable)",
                        () -> EmbeddedMongoServer.startUpstreamFileBackend(work.resolve("upstream"))),
                new Variant("embedded, group commit + fsync (EMBEDDED_MONGO_FSYNC)",
                        () -> EmbeddedMongoServer.startDurable(work.resolve("fsync"), "127.0.0.1", 0, true)),
                new Variant("embedded, in-memory (no durability)", EmbeddedMongoServer::startInMemory));
        // The JIT warms up on a throw-away durable server first (file store included), or the first variant measured
        // would look slow.
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(work.resolve("warm-up"), "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(server.connectionString(""))) {
            MongoCollection<Document> warm = client.getDatabase("warm").getCollection("warm");
            for (int i = 0; i < 5_000; i++) {
                warm.insertOne(new Document("_id", "w-" + i).append("position", 0L).append("payload", "x".repeat(300)));
                warm.updateOne(Filters.and(Filters.eq("_id", "w-" + i), Filters.lt("position", 1L)), Updates.set("position", 1L));
            }
        }
        for (Variant variant : variants) {
            try (EmbeddedMongoServer server = variant.start().get();
                 MongoClient client = MongoClients.create(server.connectionString(""))) {
                MongoCollection<Document> collection = client.getDatabase("raw").getCollection("raw");
                for (int i = 0; i < 500; i++) { // warm the JIT so variants are compared at steady state
                    collection.insertOne(new Document("warm", i).append("payload", "x".repeat(300)));
                }
                int n = 3000;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    collection.insertOne(new Document("i", i).append("payload", "x".repeat(300)));
                }
                row(variant.name(), "-", "raw driver insertOne, 1 writer", rate(n, start), "docs/s");
                int writers = 8;
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < n / writers; i++) {
                            collection.insertOne(new Document("w", writer).append("i", i).append("payload", "x".repeat(300)));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                row(variant.name(), "-", "raw driver insertOne, " + writers + " writers", rate(n / writers * writers, start),
                        "docs/s");
                // A projection's idempotent write: by _id, only if its position is newer. Flat as the collection grows?
                for (int size : new int[] {1_000, 20_000}) {
                    MongoCollection<Document> views = client.getDatabase("raw").getCollection("views" + size);
                    List<Document> documents = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        documents.add(new Document("_id", "view-" + i).append("position", 0L).append("payload", "x".repeat(300)));
                    }
                    views.insertMany(documents);
                    int updates = 1_000;
                    start = System.nanoTime();
                    for (int i = 0; i < updates; i++) {
                        views.updateOne(Filters.and(Filters.eq("_id", "view-" + (i * 7 % size)), Filters.lt("position", i + 1L)),
                                Updates.set("position", i + 1L));
                    }
                    row(variant.name(), String.format(Locale.ROOT, "%,d docs", size), "updateOne {_id, position $lt}",
                            rate(updates, start), "updates/s");
                }
            }
        }
    }

    private void measure(Subject subject, int size) throws Exception {
        String at = String.format(Locale.ROOT, "%,d", size);
        row(subject.name, at, "append, 1 writer (1 event/commit)", subject.appendRate(1, 2000), "commits/s");
        row(subject.name, at, "append, 4 writers (1 event/commit)", subject.appendRate(4, 2000), "commits/s");
        row(subject.name, at, "command cycle: load aggregate + append", subject.commandCycleRate(300), "commands/s");
        row(subject.name, at, "tail/replay from start", subject.replayRate(), "events/s");
        row(subject.name, at, "raw driver scan of its collection", subject.rawScanRate(), "events/s");
    }

    private final class Subject {
        final String name;
        final EventStorageEngine engine;
        final MongoCollection<Document> collection;
        final boolean budgeted;
        final AtomicLong aggregates = new AtomicLong();
        final List<String> filledAggregates = new ArrayList<>();
        long events;

        Subject(String name, EventStorageEngine engine, MongoCollection<Document> collection, boolean budgeted) {
            this.name = name;
            this.engine = engine;
            this.collection = collection;
            this.budgeted = budgeted;
        }

        /** Fills with aggregates of 10 events appended as one unit of work each. */
        void fillTo(int size) {
            while (events < size) {
                String aggregate = name + "-fill-" + aggregates.incrementAndGet();
                List<EventMessage<?>> batch = new ArrayList<>();
                for (int seq = 0; seq < 10; seq++) {
                    batch.add(event(aggregate, seq));
                }
                engine.appendEvents(batch);
                filledAggregates.add(aggregate);
                events += 10;
            }
        }

        double appendRate(int writers, int commits) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            AtomicInteger done = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String aggregate = name + "-writer-" + aggregates.incrementAndGet();
                futures.add(pool.submit(() -> {
                    for (int seq = 0; seq < commits / writers; seq++) {
                        engine.appendEvents(event(aggregate, seq));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            events += done.get();
            return rate(done.get(), start);
        }

        /** What a command costs the store: read the aggregate's history, append one event. */
        double commandCycleRate(int commands) {
            long start = System.nanoTime();
            int done = 0;
            for (int i = 0; i < commands; i++) {
                String aggregate = filledAggregates.get(ThreadLocalRandom.current().nextInt(filledAggregates.size()));
                long last = engine.readEvents(aggregate).asStream()
                        .mapToLong(DomainEventMessage::getSequenceNumber).max().orElse(-1);
                engine.appendEvents(event(aggregate, last + 1));
                done++;
                events++;
                if (budgeted && System.nanoTime() - start > PEER_TIME_BUDGET_NANOS) {
                    break;
                }
            }
            return rate(done, start);
        }

        double replayRate() {
            // Warm the read path (JIT, driver pool) on a prefix, then measure a full pass.
            try (Stream<? extends TrackedEventMessage<?>> warm = engine.readEvents(null, false)) {
                warm.limit(budgeted ? 200 : 5000).forEach(TrackedEventMessage::getPayload);
            }
            long start = System.nanoTime();
            long read = 0;
            TrackingToken token = null;
            boolean more = true;
            while (more) {
                more = false;
                try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                    java.util.Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        event.getPayload(); // deserialise, as a processor would
                        token = event.trackingToken();
                        read++;
                        more = true;
                        if (budgeted && System.nanoTime() - start > PEER_TIME_BUDGET_NANOS) {
                            return rate(read, start);
                        }
                    }
                }
                if (read >= events) {
                    break;
                }
            }
            return rate(read, start);
        }

        /** Events per second when the raw driver reads the whole collection (a commit holds several events). */
        double rawScanRate() {
            long start = System.nanoTime();
            long read = 0;
            // The embedded server would otherwise answer with one reply larger than the driver accepts.
            for (Document document : collection.find().batchSize(1000)) {
                read += document.containsKey("events") ? document.getList("events", Document.class).size() : 1;
            }
            return rate(read, start);
        }
    }

    private static DomainEventMessage<BenchmarkEvent> event(String aggregate, long seq) {
        return new GenericDomainEventMessage<>(TYPE, aggregate, seq,
                new BenchmarkEvent(aggregate, seq, "CNY", "1200.00", Instant.now(), "屏幕有坏点 / dead pixels on the screen"));
    }

    record BenchmarkEvent(String applicationId, long step, String currency, String amount, Instant at, String note) {
    }

    private static double rate(long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return count / seconds;
    }

    private void row(String store, String size, String measurement, Object rate, String unit) {
        String formatted = rate instanceof Double d
                ? String.format(Locale.ROOT, d < 10 ? "%,.2f" : "%,.0f", d) // a collapsed peer shows as 0.37, not 0
                : rate.toString();
        rows.add(String.format(Locale.ROOT, "| %-38s | %-15s | %-40s | %12s | %-10s |", store, size, measurement, formatted, unit));
        System.out.println(rows.get(rows.size() - 1));
    }

    private void print() throws IOException {
        String header = "Event store benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + "\n";
        String table = header + String.join("\n", rows) + "\n";
        Path out = Path.of(System.getProperty("benchmark.output", "benchmark-results/event-store.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println();
        System.out.println(table);
        System.out.println("Written to " + out.toAbsolutePath());
    }
}
