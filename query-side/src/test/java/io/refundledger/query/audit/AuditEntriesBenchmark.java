package io.refundledger.query.audit;

import com.mongodb.MongoClientSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Updates;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.query.testing.GeneratedHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.RawBsonDocumentCodec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What the audit history's processor spends on each event on its own side of the wire, before and after the change
 * that reads payloads with Jackson and sends a batch's appends as BSON encoded once:
 * <ul>
 *     <li>the payload as a document: {@code Document.parse} of the stored JSON, against {@link StoredPayloads#toDocument};</li>
 *     <li>a batch's appends as the driver puts them on the wire: an update of {@link Document}s that the driver turns
 *     into a tree of BSON values and then encodes (the builders' {@code $push} / {@code $set}), against
 *     {@link AuditHistoryStore#appending}, piped as its bytes. Both must give the same bytes, or the run fails.</li>
 * </ul>
 * Entries come from a generated history, grouped by aggregate in batches of 2,000 events as the processor's batches
 * group them. Per event: nanoseconds and bytes allocated, the best of five rounds in one run (the first rounds warm
 * the JIT), and the ratio before / after.
 *
 * <p>Run: {@code ./mvnw -q -B -pl query-side -DskipTests -Pbenchmark verify -Dbenchmark.class=AuditEntriesBenchmark
 * -Dbenchmark.package=io.refundledger.query.audit -Dbenchmark.output=benchmark-results/audit-entries.txt}
 * ({@code -Dbenchmark.applications=4000} unless told).
 */
public final class AuditEntriesBenchmark {

    private static final int ROUNDS = 5;
    private static final int BATCH = 2_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();
    private static final Codec<Document> DOCUMENTS = REGISTRY.get(Document.class);
    private static final EncoderContext ENCODING = EncoderContext.builder().build();
    private static final ObjectMapper STORAGE = LedgerSerializers.storageObjectMapper();

    private final List<String> lines = new ArrayList<>();

    private record Cost(double nanos, double bytes) {

        static Cost best(Cost a, Cost b) {
            return a == null || b.nanos < a.nanos ? b : a;
        }
    }

    public static void main(String[] args) throws IOException {
        int applications = Integer.getInteger("benchmark.applications", 4_000);
        new AuditEntriesBenchmark().run(applications,
                Path.of(System.getProperty("benchmark.output", "benchmark-results/audit-entries.txt")));
    }

    private void run(int applications, Path output) throws IOException {
        List<DomainEventMessage<?>> history = GeneratedHistory.of(7_711).applications(applications)
                .subscriptions(applications / 10).events();
        List<Object> payloads = history.stream().<Object>map(DomainEventMessage::getPayload).toList();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            entries.add(AuditHistoryProjection.entryOf(payloads.get(i), history.get(i), i + 1L));
        }
        List<List<List<AuditEntry>>> batches = byAggregateInBatches(entries);
        requireSameBytes(batches);

        line("Audit history entries on the processor's side of the wire, before and after, %s; %,d events of %,d applications "
                + "and %,d subscriptions, in batches of %,d; per event, best of %d rounds",
                Instant.now(), history.size(), applications, applications / 10, BATCH, ROUNDS);
        line("%-52s %20s %20s %16s", "step", "before ns / bytes", "after ns / bytes", "before / after");
        compare("payload as a document", payloads.size(),
                () -> sum(payloads, p -> Document.parse(storedJson(p)).size()),
                () -> sum(payloads, p -> StoredPayloads.toDocument(p).size()));
        compare("a batch's appends encoded for the wire", entries.size(),
                () -> sum(batches, batch -> sum(batch, aggregate -> onTheWireAsBefore(aggregate).size())),
                () -> sum(batches, batch -> sum(batch, aggregate -> onTheWireAsNow(aggregate).size())));
        line("(the whole entry as the processor builds it now, description included: %.0f ns per event)",
                measure(entries.size(), () -> {
                    long n = 0;
                    for (int i = 0; i < history.size(); i++) {
                        n += AuditHistoryProjection.entryOf(payloads.get(i), history.get(i), i + 1L).payload().size();
                    }
                    return n;
                }).nanos);

        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("written to " + output);
    }

    private static List<List<List<AuditEntry>>> byAggregateInBatches(List<AuditEntry> entries) {
        List<List<List<AuditEntry>>> batches = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += BATCH) {
            Map<String, List<AuditEntry>> byAggregate = new LinkedHashMap<>();
            entries.subList(from, Math.min(entries.size(), from + BATCH))
                    .forEach(e -> byAggregate.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>()).add(e));
            batches.add(new ArrayList<>(byAggregate.values()));
        }
        return batches;
    }

    /** The update as the builders made it, as the driver sends it: into a BsonDocument first, then encoded. */
    private static BasicOutputBuffer onTheWireAsBefore(List<AuditEntry> entries) {
        AuditEntry last = entries.get(entries.size() - 1);
        BsonDocument update = Updates.combine(
                Updates.pushEach("entries", entries.stream().map(AuditHistoryStore::toDocument).toList()),
                Updates.set("lastPosition", last.globalPosition()), Updates.set("aggregateType", last.aggregateType()))
                .toBsonDocument(BsonDocument.class, REGISTRY);
        BasicOutputBuffer wire = new BasicOutputBuffer();
        new BsonDocumentCodec(REGISTRY).encode(new BsonBinaryWriter(wire), update, ENCODING);
        return wire;
    }

    /** The update as the store makes it now, as the driver sends a RawBsonDocument: its bytes piped. */
    private static BasicOutputBuffer onTheWireAsNow(List<AuditEntry> entries) {
        RawBsonDocument update = AuditHistoryStore.appending(entries, DOCUMENTS);
        BasicOutputBuffer wire = new BasicOutputBuffer();
        new RawBsonDocumentCodec().encode(new BsonBinaryWriter(wire), update, ENCODING);
        return wire;
    }

    private static void requireSameBytes(List<List<List<AuditEntry>>> batches) {
        for (List<List<AuditEntry>> batch : batches) {
            for (List<AuditEntry> aggregate : batch) {
                if (!Arrays.equals(onTheWireAsBefore(aggregate).toByteArray(), onTheWireAsNow(aggregate).toByteArray())) {
                    throw new IllegalStateException("the appends to " + aggregate.get(0).aggregateId() + " are not the bytes they were");
                }
            }
        }
    }

    private static String storedJson(Object payload) {
        try {
            return STORAGE.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void compare(String step, int events, Work before, Work after) {
        Cost was = null;
        Cost now = null;
        for (int round = 0; round < ROUNDS; round++) {
            was = Cost.best(was, measure(events, before));
            now = Cost.best(now, measure(events, after));
        }
        line("%-52s %10.0f / %7.0f %10.0f / %7.0f %8.2f× / %.2f×", step, was.nanos, was.bytes, now.nanos, now.bytes,
                was.nanos / now.nanos, was.bytes / now.bytes);
    }

    private static Cost measure(int events, Work work) {
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long sink = work.run();
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
        if (sink == 42) {
            System.out.print(""); // keeps the work from being optimised away
        }
        return new Cost((double) nanos / events, (double) allocated / events);
    }

    private static <T> long sum(List<T> items, ToLongFunction<T> each) {
        long total = 0;
        for (T item : items) {
            total += each.applyAsLong(item);
        }
        return total;
    }

    @FunctionalInterface
    private interface Work {
        long run();
    }

    private void line(String format, Object... args) {
        String line = String.format(java.util.Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
