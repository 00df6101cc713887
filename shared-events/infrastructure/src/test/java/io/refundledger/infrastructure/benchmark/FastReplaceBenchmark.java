package io.refundledger.infrastructure.benchmark;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.refundledger.infrastructure.mongo.EmbeddedMongoServer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The read models' writes on the embedded server with and without {@code FastReplaceH2Collection}: bulks of
 * position-guarded replaces with upsert ({@code {$and: [{_id}, {lastAppliedPosition: {$lte: p}}]}}, ordered, as
 * {@code ReadModelBatch} sends them) of views of about 1.5 KB with nested amounts and a history, on a durable file
 * with every other optimisation. A first round inserts every view through the upsert; each further round replaces
 * them all in a new random order. Each bulk waits for its commit, as a projection's batch does (its token write
 * waits). Each variant runs twice on a fresh file in one run and the second run counts (the first warms the JIT), so
 * compare the figures as ratios. Besides writes per second, the CPU time the server's threads spent per write (its
 * workers, which apply the writes, and with H2's threads, which commit them) is measured: it does not depend on what
 * else the machine runs.
 *
 * <p>Run: {@code ./mvnw -q -B -pl shared-events/infrastructure -DskipTests -Pbenchmark verify
 * -Dbenchmark.class=FastReplaceBenchmark -Dbenchmark.output=benchmark-results/fast-replace.txt}; the number of views is
 * {@code -Dbenchmark.ids} (20,000).
 */
public final class FastReplaceBenchmark {

    private static final int IDS = Integer.getInteger("benchmark.ids", 20_000);
    private static final int ROUNDS = 5;
    private static final int BULK = 500;
    private static final String POSITION = "lastAppliedPosition";
    /** The embedded server's event loops, which decode, apply and answer the writes. */
    private static final String WORKERS = "mongo-server-worker";

    private final List<String> lines = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path output = Path.of(System.getProperty("benchmark.output", "benchmark-results/fast-replace.txt"));
        new FastReplaceBenchmark().run(output);
    }

    private void run(Path output) throws IOException {
        note("Fast replace benchmark, %s, %d processors, %,d views of %,d bytes of BSON, bulks of %d, %d rounds of replaces",
                Instant.now(), Runtime.getRuntime().availableProcessors(), IDS, bsonSize(view(0, 1)), BULK, ROUNDS);
        Map<String, Function<Path, EmbeddedMongoServer>> variants = new LinkedHashMap<>();
        variants.put("upstream update", EmbeddedMongoServer::startDurableWithUpstreamReplaces);
        variants.put("fast path", dir -> EmbeddedMongoServer.startDurable(dir, "127.0.0.1", 0, false));
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (int run = 1; run <= 2; run++) {
            for (Map.Entry<String, Function<Path, EmbeddedMongoServer>> variant : variants.entrySet()) {
                Map<String, Double> figures = measure(variant.getValue());
                StringBuilder measured = new StringBuilder();
                figures.forEach((what, value) -> measured.append(String.format(Locale.ROOT, ", %s %,.1f", what, value)));
                note("run %d, %s%s", run, variant.getKey(), measured);
                if (run == 2) {
                    results.put(variant.getKey(), figures);
                }
            }
        }
        note("");
        note("%-36s %16s %16s %8s", "second run", "upstream update", "fast path", "gain");
        Map<String, Double> before = results.get("upstream update");
        Map<String, Double> after = results.get("fast path");
        // A gain is how many times more writes per second, or how many times less CPU time per write.
        before.forEach((what, value) -> note("%-36s %,16.1f %,16.1f %7.2fx", what, value, after.get(what),
                what.endsWith("/s") ? after.get(what) / value : value / after.get(what)));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    private Map<String, Double> measure(Function<Path, EmbeddedMongoServer> start) throws IOException {
        Path dir = Files.createTempDirectory("fast-replace");
        Map<String, Double> figures = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(20261208);
        try (EmbeddedMongoServer server = start.apply(dir);
             MongoClient client = MongoClients.create(server.connectionString("bench"))) {
            MongoCollection<Document> views = client.getDatabase("bench").getCollection("views");
            measure(figures, "upserts (inserts)", IDS, () -> writeAll(views, ids(null), 0));
            measure(figures, "guarded replaces", (long) IDS * ROUNDS, () -> {
                for (int round = 1; round <= ROUNDS; round++) {
                    writeAll(views, ids(random), round);
                }
            });
            if (views.countDocuments() != IDS || views.countDocuments(Filters.lt(POSITION, (long) ROUNDS * IDS)) != 0) {
                throw new IllegalStateException("not every view was written");
            }
        } finally {
            deleteRecursively(dir);
        }
        return figures;
    }

    /** One round: every view, in bulks, each guarded by the position of this round (newer than the stored one). */
    private static void writeAll(MongoCollection<Document> views, int[] ids, int round) {
        for (int from = 0; from < ids.length; from += BULK) {
            List<WriteModel<Document>> bulk = new ArrayList<>(BULK);
            for (int k = from; k < Math.min(ids.length, from + BULK); k++) {
                Document view = view(ids[k], round);
                bulk.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", view.get("_id")),
                        Filters.lte(POSITION, view.getLong(POSITION))), view, new ReplaceOptions().upsert(true)));
            }
            views.bulkWrite(bulk, new BulkWriteOptions().ordered(true));
        }
    }

    /** The ids in order, or shuffled. */
    private static int[] ids(SplittableRandom random) {
        int[] ids = new int[IDS];
        for (int i = 0; i < IDS; i++) {
            ids[i] = i;
        }
        for (int i = IDS - 1; random != null && i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        return ids;
    }

    /** A refund-progress-like view: identifiers, status, decimal amounts, times, parties and a history of steps. */
    private static Document view(int i, int round) {
        List<Document> history = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            history.add(new Document("step", "STEP_" + step).append("at", Date.from(Instant.ofEpochSecond(1_790_000_000L + i + step)))
                    .append("by", "staff-" + (i % 40)).append("note", "checked and forwarded to the next step " + step));
        }
        return new Document("_id", "application-" + Integer.toHexString(i * 7919) + "-" + i)
                .append("applicationNumber", String.format(Locale.ROOT, "RF-20261208-%09d", i))
                .append("customer", new Document("id", "customer-" + (i % 5_000)).append("tier", i % 3 == 0 ? "GOLD" : "STANDARD")
                        .append("region", new Document("country", "CN").append("city", "city-" + (i % 50))))
                .append("orderId", "order-" + i).append("type", "REFUND_ONLY")
                .append("status", round % 2 == 0 ? "APPROVED" : "PAID").append("version", round)
                .append("requested", new Document("amount", new Decimal128(new BigDecimal("123.45").add(BigDecimal.valueOf(i % 1000))))
                        .append("currency", "CNY"))
                .append("approved", new Document("amount", new Decimal128(new BigDecimal("120.00").add(BigDecimal.valueOf(round))))
                        .append("currency", "CNY"))
                .append("reason", "DAMAGED_ON_ARRIVAL").append("productId", "product-" + (i % 300)).append("channel", "ONLINE")
                .append("inCurrentStepSince", Date.from(Instant.ofEpochSecond(1_790_000_000L + i + round)))
                .append("history", history).append(POSITION, (long) round * IDS + i);
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, MongoClientSettings.getDefaultCodecRegistry().get(Document.class))
                .getByteBuffer().remaining();
    }

    /** Writes per second, and the server's CPU microseconds per write: its workers alone, and with H2's threads. */
    private static void measure(Map<String, Double> figures, String what, long count, Runnable work) {
        long workers = cpuNanos(WORKERS);
        long server = cpuNanos(WORKERS, "H2-", "MVStore");
        long started = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.put(what + " /s", count / seconds);
        figures.put(what + " worker CPU us", (cpuNanos(WORKERS) - workers) / 1e3 / count);
        figures.put(what + " server CPU us", (cpuNanos(WORKERS, "H2-", "MVStore") - server) / 1e3 / count);
    }

    /** CPU time so far of the live threads whose names start with one of {@code prefixes}. */
    private static long cpuNanos(String... prefixes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && Arrays.stream(prefixes).anyMatch(thread.getThreadName()::startsWith)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void note(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        lines.add(line);
        System.out.println(line);
    }
}
