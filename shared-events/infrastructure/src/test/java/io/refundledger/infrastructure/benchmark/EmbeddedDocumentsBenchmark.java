package io.refundledger.infrastructure.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.refundledger.infrastructure.mongo.EmbeddedMongoServer;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How the embedded server stores documents: Java-serialised (as mongo-java-server does) against BSON
 * ({@code DocumentValueType}), both with every other optimisation, in one run on one machine, so compare them as ratios.
 * A collection of read-model views (about 1.3 KB of BSON each, nested amounts and a history) is loaded, then replaced
 * in bulks and read back by {@code _id $in} and by single {@code _id}, as the projections and queries do. Each variant
 * runs twice on a fresh file and the second round counts (the first warms the JIT).
 *
 * <p>Run: {@code ./mvnw -q -B -pl shared-events/infrastructure -DskipTests -Pbenchmark verify
 * -Dbenchmark.class=EmbeddedDocumentsBenchmark -Dbenchmark.output=benchmark-results/embedded-documents.txt}; the
 * collection size is {@code -Dbenchmark.documents} (100,000).
 */
public final class EmbeddedDocumentsBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("benchmark.documents", 100_000);
    private static final int ROUNDS = 20;
    private static final int BULK = 500;
    private static final int LOOKUP = 256;
    private static final int POINT_FINDS = 2_000;

    private final List<String> lines = new ArrayList<>();
    private final Map<String, Map<String, Double>> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Path output = Path.of(System.getProperty("benchmark.output", "benchmark-results/embedded-documents.txt"));
        new EmbeddedDocumentsBenchmark().run(output);
    }

    private void run(Path output) throws IOException {
        note("Embedded documents benchmark, %s, %d processors, %,d documents per collection", Instant.now(),
                Runtime.getRuntime().availableProcessors(), DOCUMENTS);
        Map<String, Function<Path, EmbeddedMongoServer>> variants = new LinkedHashMap<>();
        variants.put("Java-serialised", dir -> EmbeddedMongoServer.startDurableWithSerialisedDocuments(dir, EmbeddedMongoServer.DEFAULT_CACHE_MB));
        variants.put("BSON", dir -> EmbeddedMongoServer.startDurable(dir, "127.0.0.1", 0, false));
        for (int round = 1; round <= 2; round++) {
            for (Map.Entry<String, Function<Path, EmbeddedMongoServer>> variant : variants.entrySet()) {
                Map<String, Double> figures = measure(variant.getValue());
                if (round == 2) {
                    results.put(variant.getKey(), figures);
                }
            }
        }
        note("");
        note("%-28s %16s %16s %8s", "per document (second round)", "Java-serialised", "BSON", "ratio");
        Map<String, Double> before = results.get("Java-serialised");
        Map<String, Double> after = results.get("BSON");
        before.forEach((what, value) -> note("%-28s %16.4f %16.4f %7.2fx", what, value, after.get(what), value / after.get(what)));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    private Map<String, Double> measure(Function<Path, EmbeddedMongoServer> start) throws IOException {
        Path dir = Files.createTempDirectory("embedded-documents");
        Map<String, Double> figures = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(20261204);
        try (EmbeddedMongoServer server = start.apply(dir);
             MongoClient client = MongoClients.create(server.connectionString("bench"))) {
            MongoCollection<Document> views = client.getDatabase("bench").getCollection("views");
            long started = System.nanoTime();
            for (int from = 0; from < DOCUMENTS; from += 1_000) {
                List<Document> batch = new ArrayList<>();
                for (int i = from; i < Math.min(DOCUMENTS, from + 1_000); i++) {
                    batch.add(view(i, 0));
                }
                views.insertMany(batch);
            }
            figures.put("insertMany ms", millisSince(started) / DOCUMENTS);

            started = System.nanoTime();
            for (int round = 1; round <= ROUNDS; round++) {
                List<WriteModel<Document>> bulk = new ArrayList<>();
                for (int k = 0; k < BULK; k++) {
                    int i = random.nextInt(DOCUMENTS);
                    bulk.add(new ReplaceOneModel<>(Filters.eq("_id", id(i)), view(i, round)));
                }
                views.bulkWrite(bulk);
            }
            figures.put("bulk replace ms", millisSince(started) / (ROUNDS * BULK));

            started = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < LOOKUP; k++) {
                    ids.add(id(random.nextInt(DOCUMENTS)));
                }
                views.find(Filters.in("_id", ids)).into(new ArrayList<>());
            }
            figures.put("_id $in lookup ms", millisSince(started) / (ROUNDS * LOOKUP));

            started = System.nanoTime();
            for (int k = 0; k < POINT_FINDS; k++) {
                views.find(Filters.eq("_id", id(random.nextInt(DOCUMENTS)))).first();
            }
            figures.put("find by _id ms", millisSince(started) / POINT_FINDS);
        }
        figures.put("file bytes", (double) Files.size(dir.resolve(EmbeddedMongoServer.DATA_FILE_NAME)) / DOCUMENTS);
        note("%s", figures);
        return figures;
    }

    /** A refund-progress-like view: identifiers, status, amounts as decimals, times, and a history of steps. */
    private static Document view(int i, int version) {
        List<Document> history = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            history.add(new Document("step", "STEP_" + step).append("at", java.util.Date.from(Instant.ofEpochSecond(1_790_000_000L + i + step)))
                    .append("by", "staff-" + (i % 40)).append("note", "checked and forwarded to the next step " + step));
        }
        return new Document("_id", id(i)).append("applicationNumber", String.format(Locale.ROOT, "RF-20261204-%09d", i))
                .append("customerId", "customer-" + (i % 5_000)).append("orderId", "order-" + i).append("type", "REFUND_ONLY")
                .append("status", version % 2 == 0 ? "APPROVED" : "PAID").append("version", version)
                .append("requested", new Document("amount", new Decimal128(new BigDecimal("123.45").add(BigDecimal.valueOf(i % 1000)))).append("currency", "CNY"))
                .append("approved", new Document("amount", new Decimal128(new BigDecimal("120.00"))).append("currency", "CNY"))
                .append("reason", "DAMAGED_ON_ARRIVAL").append("productId", "product-" + (i % 300)).append("channel", "ONLINE")
                .append("inCurrentStepSince", java.util.Date.from(Instant.ofEpochSecond(1_790_000_000L + i)))
                .append("history", history).append("lastAppliedPosition", (long) i * 12 + version);
    }

    private static String id(int i) {
        return "application-" + Integer.toHexString(i * 7919) + "-" + i;
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    private void note(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        lines.add(line);
        System.out.println(line);
    }
}
