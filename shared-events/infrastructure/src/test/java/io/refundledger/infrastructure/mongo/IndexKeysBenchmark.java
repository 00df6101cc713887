package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The embedded server's index keys, as its unique indexes use them, before and after {@link SerializedKeys}: reading
 * a file's keys (what every index page read from the file does), looking up a fresh key by binary search among them
 * (what every lookup by {@code _id} does) and writing them (what every commit of an index page does). Keys are those
 * of the read models ({@code RF-20261207-000123}) and of the event store (positions, which the server normalises to
 * ints). Per key: nanoseconds and bytes allocated, the best of three rounds in one run (the first rounds warm the
 * JIT), and the ratio before / after.
 *
 * <p>Run: {@code ./mvnw -q -B -pl shared-events/infrastructure -DskipTests -Pbenchmark verify
 * -Dbenchmark.package=io.refundledger.infrastructure.mongo -Dbenchmark.class=IndexKeysBenchmark
 * -Dbenchmark.output=benchmark-results/index-keys.txt -Dbenchmark.ids=200000}: keys per kind (the profile passes 20,000
 * unless told).
 */
public final class IndexKeysBenchmark {

    private static final int KEYS = Integer.getInteger("benchmark.ids", 200_000);
    private static final int ROUNDS = 3;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<String> lines = new ArrayList<>();

    /** Nanoseconds and bytes allocated per key of one operation. */
    private record Cost(double nanos, double bytes) {
    }

    public static void main(String[] args) throws IOException {
        new IndexKeysBenchmark().run(Path.of(System.getProperty("benchmark.output", "benchmark-results/index-keys.txt")));
    }

    private void run(Path output) throws IOException {
        line("Index keys of the embedded server, before and after SerializedKeys, %s; %,d keys per kind, best of %d rounds",
                Instant.now(), KEYS, ROUNDS);
        line("%-44s %22s %22s %16s", "operation", "before ns / bytes", "after ns / bytes", "before / after");
        SplittableRandom random = new SplittableRandom(42);
        measure("read-model ids", i -> new KeyValue(String.format(Locale.ROOT, "RF-20261207-%06d", i)), random);
        measure("event positions (ints)", i -> new KeyValue(1_000_000 + i), random);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("written to " + output);
    }

    private void measure(String kind, IntFunction<KeyValue> keyOf, SplittableRandom random) {
        // The file as H2 writes it; both ways write exactly these bytes (IndexKeyTypeTest).
        WriteBuffer file = new WriteBuffer();
        ObjectDataType h2 = new ObjectDataType();
        for (int i = 0; i < KEYS; i++) {
            h2.write(file, keyOf.apply(i));
        }
        ByteBuffer written = file.getBuffer().flip();
        int[] lookups = random.ints(KEYS, 0, KEYS).toArray();

        Cost[][] costs = new Cost[2][];
        for (int round = 0; round < ROUNDS; round++) {
            for (int variant = 0; variant < 2; variant++) {
                Cost[] measured = measureOnce(new IndexKeyType(variant == 1), written.duplicate(), keyOf, lookups);
                costs[variant] = costs[variant] == null ? measured : best(costs[variant], measured);
            }
        }
        String[] operations = {"read from the file", "look up a fresh key", "write to the file"};
        for (int op = 0; op < operations.length; op++) {
            Cost before = costs[0][op];
            Cost after = costs[1][op];
            String bytesRatio = after.bytes() < 1 ? "none after"
                    : String.format(Locale.ROOT, "%.1f×", before.bytes() / after.bytes());
            line("%-44s %12.0f / %7.0f %12.0f / %7.0f %7.1f× / %s", kind + ": " + operations[op], before.nanos(),
                    before.bytes(), after.nanos(), after.bytes(), before.nanos() / after.nanos(), bytesRatio);
        }
    }

    private static Cost[] measureOnce(IndexKeyType type, ByteBuffer file, IntFunction<KeyValue> keyOf, int[] lookups) {
        Object[] keys = new Object[KEYS];
        long bytes = allocated();
        long start = System.nanoTime();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = type.read(file);
        }
        Cost read = cost(start, bytes, KEYS);

        Arrays.sort(keys, type::compare); // the order H2 keeps them in
        // New key objects, as a query makes them, made before the clock starts.
        KeyValue[] wanted = Arrays.stream(lookups).mapToObj(keyOf).toArray(KeyValue[]::new);
        bytes = allocated();
        start = System.nanoTime();
        int found = 0;
        for (KeyValue key : wanted) {
            found += Arrays.binarySearch(keys, key, type::compare) >= 0 ? 1 : 0;
        }
        Cost lookup = cost(start, bytes, lookups.length);
        if (found != lookups.length) {
            throw new IllegalStateException("found " + found + " of " + lookups.length);
        }

        WriteBuffer out = new WriteBuffer(256 * KEYS);
        bytes = allocated();
        start = System.nanoTime();
        for (Object key : keys) {
            type.write(out, key);
        }
        Cost write = cost(start, bytes, KEYS);
        return new Cost[]{read, lookup, write};
    }

    private static Cost cost(long start, long bytesBefore, int count) {
        double nanos = (System.nanoTime() - start) / (double) count;
        return new Cost(nanos, (allocated() - bytesBefore) / (double) count);
    }

    private static Cost[] best(Cost[] a, Cost[] b) {
        Cost[] best = new Cost[a.length];
        for (int i = 0; i < a.length; i++) {
            best[i] = new Cost(Math.min(a[i].nanos(), b[i].nanos()), Math.min(a[i].bytes(), b[i].bytes()));
        }
        return best;
    }

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
