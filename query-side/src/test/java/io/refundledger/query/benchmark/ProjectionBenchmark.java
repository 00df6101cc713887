package io.refundledger.query.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.mongo.EmbeddedMongoServer;
import io.refundledger.query.QuerySideApplication;
import io.refundledger.query.admin.ProcessorAdministration;
import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.rebuild.BlueGreenRebuilds;
import io.refundledger.query.rebuild.ReadModelGenerations;
import io.refundledger.query.testing.GeneratedHistory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How the read models keep up (issue 5, §7), measured on the embedded default (durable H2 file) with the whole query
 * side running in this JVM — every processor as configured in {@code application.yml}:
 * <ol>
 *   <li><b>projection lag under sustained load</b>: events appended through the real storage engine at a steady rate
 *       (in commits of three events, as commands write them); for each processor, the time from an append to the
 *       processor's tokens having passed it, p50/p99/max per rate;</li>
 *   <li><b>query p99</b> once {@code benchmark.applications} applications' histories are in the store and every
 *       processor has caught up: sequential requests to each dashboard endpoint through the real HTTP stack
 *       (security, JSON, problem advice) as one user whose password hash is cheap (bcrypt cost 4), so password
 *       hashing does not drown the queries;</li>
 *   <li><b>rebuild rate against the raw scan rate</b>: each processor replayed on its own (reset + catch-up through the
 *       admin service), then rebuilt blue/green into its next generation → events/s each, next to a plain driver scan
 *       of {@code event_commits} → events/s, and the ratio.</li>
 * </ol>
 * Not a test: nothing is asserted, figures are printed and written to {@code benchmark-results/projections.txt}.
 *
 * <p>Run (full scale, tens of minutes):
 * {@code ./mvnw -q -B -pl query-side -am -DskipTests -Pbenchmark verify}; a smaller run:
 * {@code ... -Pbenchmark -Dbenchmark.applications=5000 -Dbenchmark.seconds=10 -Dbenchmark.requests=200 verify}.
 */
public final class ProjectionBenchmark {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-secret";
    private static final int EVENTS_PER_COMMAND = 3;
    private static final int LOAD_CHUNK_APPLICATIONS = 10_000;
    private static final int LOAD_EVENTS_PER_COMMIT = 64;
    /** How long processors may take to catch up with a load before the run fails ({@code -Dbenchmark.catch-up-minutes}). */
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(Long.getLong("benchmark.catch-up-minutes", 60));
    /** An unrecorded lag phase first ({@code -Dbenchmark.warm-up-seconds}, 0: none). */
    private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warm-up-seconds", 15);
    private static final String FROM = "2026-08-25";
    private static final String TO = "2026-11-30";

    private final Settings settings;
    private final List<String> lines = new ArrayList<>();
    private final Samples samples = new Samples();
    /** Endpoint → applications loaded → sorted request latencies (ns), in the order the endpoints were asked. */
    private final Map<String, Map<Integer, long[]>> latencies = new LinkedHashMap<>();
    /** Processor → lag p50/p99 (ms) at the highest rate; processor → rebuild events/s; for the JSON summary. */
    private final Map<String, double[]> lagAtTopRate = new TreeMap<>();
    /** Processor → events/s of a blue/green rebuild (the rebuild path); of an in-place replay. */
    private final Map<String, Double> rebuildRates = new TreeMap<>();
    private final Map<String, Double> replayRates = new TreeMap<>();
    private double rawScanRate = Double.NaN;
    private double catchUpSeconds = Double.NaN;

    private EventStore eventStore;
    private EventProcessingConfiguration processing;
    private ProcessorAdministration administration;
    private MongoDatabase database;
    private EventStorageEngine storageEngine;
    private BlueGreenRebuilds rebuilds;
    private CarriedBatches carried;
    private int port;
    private int seed = 1_000;

    private ProjectionBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new ProjectionBenchmark(Settings.fromSystemProperties()).run();
        // Axon and the embedded server leave non-daemon threads behind.
        System.exit(0);
    }

    /** Sizes, from system properties {@code benchmark.*}. */
    record Settings(List<Integer> rates, int seconds, List<Integer> applications, int requests, boolean rebuild,
                    long rebuildEvents, Path output, List<String> appendVia, boolean loadWhileStopped,
                    Map<String, String> appProperties) {

        static Settings fromSystemProperties() {
            List<Integer> sizes = integers(System.getProperty("benchmark.applications", "100000"));
            if (!sizes.equals(sizes.stream().sorted().distinct().toList()) || (!sizes.isEmpty() && sizes.get(0) < 1)) {
                throw new IllegalArgumentException("benchmark.applications must be growing sizes, e.g. 1000,10000 "
                        + "(none: lag only)");
            }
            return new Settings(integers(System.getProperty("benchmark.rates", "200,500")),
                    Integer.getInteger("benchmark.seconds", 30), sizes,
                    Integer.getInteger("benchmark.requests", 500),
                    Boolean.parseBoolean(System.getProperty("benchmark.rebuild", "true")),
                    // A rebuild's rate is measured over the first this many events of the store (0: all of them).
                    Long.getLong("benchmark.rebuild-events", 0),
                    Path.of(System.getProperty("benchmark.output", "benchmark-results/projections.txt")),
                    // Where the lag phase appends: "own" (the query side's own event store, which wakes its
                    // processors at once) and/or "separate" (another event store on the same database, as the
                    // command side in its own process: the query side learns of the events by polling).
                    Arrays.stream(System.getProperty("benchmark.append-via", "own").split(",")).map(String::strip)
                            .filter(v -> !v.isEmpty()).toList(),
                    // "live": processors follow the load as it is appended (append and catch-up overlap);
                    // "stopped": the load is appended with every processor stopped, then all start together and the
                    // catch-up is timed alone, as after an outage or a deployment of new read models.
                    switch (System.getProperty("benchmark.load", "live")) {
                        case "live" -> false;
                        case "stopped" -> true;
                        default -> throw new IllegalArgumentException("benchmark.load: live or stopped");
                    },
                    appProperties(System.getProperty("benchmark.app-properties", "")));
        }

        /** Settings of the query side for this run, {@code key=value} pairs separated by blanks. */
        private static Map<String, String> appProperties(String pairs) {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String pair : pairs.strip().split("\\s+")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("benchmark.app-properties: key=value pairs, not " + pair);
                    }
                    properties.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
            return properties;
        }

        private static List<Integer> integers(String commaSeparated) {
            return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                    .map(Integer::valueOf).toList();
        }
    }

    private void run() throws Exception {
        // A kept store (-Dbenchmark.store=DIR): a later run starts from what an earlier one loaded, to measure queries
        // or a catch-up again without appending and catching up first (-Dbenchmark.append-only stops after appending).
        String kept = System.getProperty("benchmark.store", "");
        Path work = kept.isBlank() ? Files.createTempDirectory("projection-benchmark") : Files.createDirectories(Path.of(kept));
        KeptStore store = KeptStore.in(work);
        if (store.applications() > 0) {
            // Before the lag phase, whose histories would otherwise repeat the kept store's aggregates.
            seed = store.seed();
        }
        long started = System.nanoTime();
        note("Projection benchmark, %s, %d processors available to the JVM, embedded MongoDB on a durable H2 file",
                Instant.now(), Runtime.getRuntime().availableProcessors());
        note("settings: rates %s events/s for %d s each, appended via %s; queries at %s applications (loaded %s); %d "
                        + "requests per endpoint%s%s%s", settings.rates(), settings.seconds(), settings.appendVia(),
                settings.applications(), settings.loadWhileStopped() ? "with the processors stopped" : "live",
                settings.requests(), settings.rebuild() ? "" : "; no rebuild phase",
                System.getProperty("benchmark.fetch-delay", "").isBlank() ? ""
                        : "; ledger.event-store.fetch-delay " + System.getProperty("benchmark.fetch-delay"),
                settings.appProperties().isEmpty() ? "" : "; query side " + settings.appProperties());
        // As the launcher's EMBEDDED_MONGO_CACHE_MB: H2's page cache, inside this JVM's heap.
        int cacheMb = Integer.getInteger("benchmark.cache-mb", EmbeddedMongoServer.DEFAULT_CACHE_MB);
        int compactFillRate = Integer.getInteger("benchmark.compact-fill-rate", EmbeddedMongoServer.DEFAULT_COMPACT_FILL_RATE);
        note("embedded server's page cache %d MB, compacted below %d %% live; heap %d MB, collectors %s", cacheMb,
                compactFillRate, Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        String serverHeap = System.getProperty("benchmark.server-heap", "");
        try (Database server = serverHeap.isBlank()
                ? Database.inThisJvm(EmbeddedMongoServer.startDurable(work.resolve("db"), "127.0.0.1", 0, false, cacheMb,
                        compactFillRate))
                : Database.inItsOwnJvm(work.resolve("db"), serverHeap, cacheMb, compactFillRate);
             ConfigurableApplicationContext app = start(server.uri("projection-benchmark"), work)) {
            note("embedded server %s", serverHeap.isBlank() ? "in this JVM" : "in its own JVM, heap " + serverHeap
                    + " (as run.sh runs it); this JVM holds the query side only");
            eventStore = app.getBean(EventStore.class);
            processing = app.getBean(EventProcessingConfiguration.class);
            administration = app.getBean(ProcessorAdministration.class);
            database = app.getBean(MongoDatabase.class);
            rebuilds = app.getBean(BlueGreenRebuilds.class);
            carried = app.getBean(CarriedBatches.class);
            port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            awaitSegmentsClaimed();

            storageEngine = app.getBean(EventStorageEngine.class);
            EmbeddedEventStore separate = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
            try {
                for (String via : settings.appendVia()) {
                    EventStore appendTo = switch (via) {
                        case "own" -> eventStore;
                        case "separate" -> separate;
                        default -> throw new IllegalArgumentException("benchmark.append-via: own or separate, not " + via);
                    };
                    if (via.equals(settings.appendVia().get(0)) && !settings.rates().isEmpty() && WARM_UP_SECONDS > 0) {
                        // Unrecorded, as the queries' first round: the first phase of a fresh JVM measured its JIT (the
                        // appender itself once fell 2.8 s behind schedule there).
                        lagUnderLoad(settings.rates().get(0), WARM_UP_SECONDS, appendTo, via, false);
                    }
                    for (int rate : settings.rates()) {
                        lagUnderLoad(rate, settings.seconds(), appendTo, via, true);
                    }
                }
            } finally {
                separate.shutDown();
            }
            int loaded = 0;
            boolean warmedUp = false;
            if (store.applications() > 0) {
                loaded = store.applications();
                samples.restore(store);
                note("kept store %s: %,d applications loaded by an earlier run%s", work, loaded,
                        store.caughtUp() ? "" : ", not yet caught up");
                if (!store.caughtUp()) {
                    catchUp(loaded - store.previousApplications(), loaded, store.appendedEvents(), Double.NaN);
                    store.save(loaded, store.previousApplications(), seed, samples, store.appendedEvents(), true);
                }
            }
            writeResults(); // after every phase: a run stopped part-way still leaves what it measured
            for (int size : settings.applications()) {
                if (size < loaded) {
                    continue;
                }
                if (size > loaded) {
                    long events = append(size - loaded);
                    store.save(size, loaded, seed, samples, events, false);
                    if (Boolean.getBoolean("benchmark.append-only")) {
                        note("appended %,d events for %,d applications; stopped before the catch-up (benchmark.append-only)",
                                events, size);
                        writeResults();
                        return;
                    }
                    catchUp(size - loaded, size, events, appendSeconds);
                    store.save(size, loaded, seed, samples, events, true);
                }
                writeResults();
                if (!warmedUp) {
                    queries(size, false); // a whole unrecorded round first, or the JIT would flatter the larger sizes
                    warmedUp = true;
                }
                loaded = size;
                queries(size, true);
                writeResults();
            }
            compareQueryLatencies();
            writeResults();
            if (settings.rebuild()) {
                rebuilds();
            }
        }
        note("whole run %.0f s", seconds(started));
        writeResults();
        System.out.println("Written to " + settings.output().toAbsolutePath() + " and its .json");
    }

    private void writeResults() throws IOException {
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        Files.writeString(settings.output(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path json = settings.output().resolveSibling(settings.output().getFileName().toString().replaceFirst("\\.txt$", "") + ".json");
        Files.writeString(json, summaryJson(), StandardCharsets.UTF_8);
    }

    private ConfigurableApplicationContext start(String mongoUri, Path work) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ledger.mongodb.uri", mongoUri);
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        String fetchDelay = System.getProperty("benchmark.fetch-delay", "");
        if (!fetchDelay.isBlank()) {
            properties.put("ledger.event-store.fetch-delay", fetchDelay);
        }
        properties.put("ledger.audit.generated-key-file", work.resolve("audit/digest-signing-key.pem").toString());
        // Replaces the demo users: one user who may read everything, with a hash that costs ~1 ms instead of ~70.
        properties.put("ledger.security.users[0].username", USER);
        properties.put("ledger.security.users[0].password-hash", new BCryptPasswordEncoder(4).encode(PASSWORD));
        properties.put("ledger.security.users[0].roles[0]", "ADMIN");
        properties.put("ledger.security.users[0].roles[1]", "AUDITOR");
        properties.put("ledger.security.users[0].roles[2]", "FINANCE");
        properties.put("ledger.security.users[0].roles[3]", "CUSTOMER_SERVICE");
        properties.putAll(settings.appProperties());
        // As command-line arguments: they override application.yml (builder "properties" would only be defaults).
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    // ------------------------------------------------------------------------------------------- 1. lag

    private void lagUnderLoad(int rate, int seconds, EventStore appendTo, String via, boolean record) throws Exception {
        int total = rate * seconds;
        List<DomainEventMessage<?>> events = history(total);
        int commits = (total + EVENTS_PER_COMMAND - 1) / EVENTS_PER_COMMAND;
        long headBefore = head();
        long[] lastPosition = new long[commits];
        AtomicLongArray appendedAt = new AtomicLongArray(commits);
        AtomicInteger appended = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        List<String> names = processorNames();
        Map<String, List<Long>> lags = new TreeMap<>();
        names.forEach(name -> lags.put(name, new ArrayList<>()));

        Thread monitor = new Thread(() -> watchLag(names, lastPosition, appendedAt, appended, producing, lags, commits),
                "lag-monitor");
        long intervalNanos = TimeUnit.SECONDS.toNanos(EVENTS_PER_COMMAND) / rate;
        long start = System.nanoTime();
        monitor.start();
        long behindSchedule = 0;
        for (int i = 0; i < commits; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            } else {
                behindSchedule = Math.max(behindSchedule, -wait);
            }
            int from = i * EVENTS_PER_COMMAND;
            int to = Math.min(total, from + EVENTS_PER_COMMAND);
            appendTo.publish(events.subList(from, to));
            // Positions are dense and nothing else appends meanwhile: the k-th event of this phase is at head + k.
            lastPosition[i] = headBefore + to;
            appendedAt.set(i, System.nanoTime());
            appended.incrementAndGet();
        }
        double took = seconds(start);
        producing.set(false);
        monitor.join(CATCH_UP_LIMIT.toMillis());
        long head = head();
        if (!record) {
            note("1. (warm-up, not recorded: %d s at %d events/s; %,d events appended, store head %,d)", seconds, rate, total, head);
            return;
        }
        note("");
        note("1. Projection lag at %d events/s for %d s, appended through %s: %,d events in %,d commits appended in %.1f s "
                        + "(%.0f events/s achieved; at most %d ms behind schedule); store head %,d%s", rate, seconds,
                via.equals("own") ? "the query side's own event store" : "a separate event store (as from the command side's process)",
                total, commits, took,
                total / took, behindSchedule / 1_000_000, head,
                head == headBefore + total ? "" : " (UNEXPECTED: something else appended)");
        note("   %-24s %10s %10s %10s %10s", "processor", "p50 ms", "p99 ms", "max ms", "samples");
        boolean topRate = rate == settings.rates().stream().mapToInt(Integer::intValue).max().orElse(rate)
                && via.equals(settings.appendVia().get(settings.appendVia().size() - 1));
        lags.forEach((name, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            if (topRate) {
                lagAtTopRate.put(name, new double[] {percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6});
            }
            note("   %-24s %10.1f %10.1f %10.1f %10d", name, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, sorted.length);
        });
    }

    /** Polls each processor's token positions and records, for every commit it has passed, how long that took. */
    private void watchLag(List<String> names, long[] lastPosition, AtomicLongArray appendedAt, AtomicInteger appended,
                          AtomicBoolean producing, Map<String, List<Long>> lags, int commits) {
        Map<String, Integer> next = new HashMap<>();
        names.forEach(name -> next.put(name, 0));
        long deadline = Long.MAX_VALUE;
        while (true) {
            int visible = appended.get();
            boolean allDone = true;
            for (String name : names) {
                OptionalLong position = slowestPosition(name);
                int i = next.get(name);
                long now = System.nanoTime();
                while (position.isPresent() && i < visible && lastPosition[i] <= position.getAsLong()) {
                    lags.get(name).add(now - appendedAt.get(i));
                    i++;
                }
                next.put(name, i);
                allDone &= i >= commits;
            }
            if (allDone) {
                return;
            }
            if (!producing.get() && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A fresh slice of realistic history, never overlapping earlier ones (each seed names its own ids). */
    private List<DomainEventMessage<?>> history(int events) {
        int applications = Math.max(10, events / 10);
        List<DomainEventMessage<?>> all = GeneratedHistory.of(seed++).applications(applications)
                .subscriptions(applications / 10).events();
        while (all.size() < events) {
            applications *= 2;
            all = GeneratedHistory.of(seed++).applications(applications).subscriptions(applications / 10).events();
        }
        // A prefix of a log in time order is a log: every aggregate's sequence stays gapless.
        return all.subList(0, events);
    }

    // ------------------------------------------------------------------------------------------- 2. queries

    private double appendSeconds = Double.NaN;

    /** Appends {@code applications} more applications' histories, with every processor stopped if so set. */
    private long append(int applications) {
        if (settings.loadWhileStopped()) {
            processorNames().forEach(name -> streaming(name).shutDown());
        }
        long start = System.nanoTime();
        long events = 0;
        for (int done = 0; done < applications; done += LOAD_CHUNK_APPLICATIONS) {
            int chunk = Math.min(LOAD_CHUNK_APPLICATIONS, applications - done);
            List<DomainEventMessage<?>> history = GeneratedHistory.of(seed++).applications(chunk).subscriptions(chunk / 10)
                    .events();
            samples.collect(history);
            for (int from = 0; from < history.size(); from += LOAD_EVENTS_PER_COMMIT) {
                eventStore.publish(history.subList(from, Math.min(history.size(), from + LOAD_EVENTS_PER_COMMIT)));
            }
            events += history.size();
        }
        appendSeconds = seconds(start);
        return events;
    }

    /** Times the processors catching up with the head (all started together when the load was appended stopped). */
    private void catchUp(int applications, int total, long events, double appendSeconds) {
        long head = head();
        if (settings.loadWhileStopped()) {
            processorNames().forEach(name -> streaming(name).shutDown());
        }
        long caughtUpFrom = System.nanoTime();
        if (settings.loadWhileStopped()) {
            processorNames().forEach(name -> streaming(name).start());
        }
        Map<String, Double> caughtUp = awaitCaughtUp(processorNames(), head);
        note("");
        if (settings.loadWhileStopped()) {
            catchUpSeconds = seconds(caughtUpFrom);
            note("2. Query latency with %,d applications loaded (%,d more): %,d events appended %s "
                    + "with every processor stopped; store head %,d; all nine started together and caught up after %.0f s",
                    total, applications, events, Double.isNaN(appendSeconds) ? "by an earlier run"
                            : String.format(Locale.ROOT, "in %.0f s (%,.0f events/s)", appendSeconds, events / appendSeconds),
                    head, catchUpSeconds);
        } else {
            catchUpSeconds = seconds(caughtUpFrom) + appendSeconds;
            note("2. Query latency with %,d applications loaded (%,d more): %,d events appended in %.0f s (%,.0f events/s); "
                    + "store head %,d; live processors caught up after %.0f s", total, applications, events, appendSeconds,
                    events / appendSeconds, head, catchUpSeconds);
        }
        double behind = settings.loadWhileStopped() ? 0 : appendSeconds;
        caughtUp.forEach((name, s) -> note("   %-24s caught up %6.1f s after the %s (%,.0f events/s)", name, s,
                settings.loadWhileStopped() ? "start" : "last append", events / (behind + s)));
    }

    private void queries(int applications, boolean record) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Map<String, Function<Integer, String>> endpoints = new LinkedHashMap<>();
        endpoints.put("refund progress by id", i -> "/api/refunds/" + samples.application(i));
        endpoints.put("refund progress by number", i -> "/api/refunds/" + samples.number(i));
        endpoints.put("refunds by customer", i -> "/api/refunds?customerId=" + samples.customer(i));
        endpoints.put("refunds by order", i -> "/api/refunds?orderId=" + samples.order(i));
        endpoints.put("order refunds", i -> "/api/orders/" + samples.order(i) + "/refunds");
        endpoints.put("account balance", i -> "/api/customers/" + samples.customer(i) + "/balance");
        endpoints.put("finance queue APPROVED", i -> "/api/finance/refunds?status=APPROVED&limit=50");
        endpoints.put("finance queue PAYOUT_FAILED", i -> "/api/finance/refunds?status=PAYOUT_FAILED&limit=50");
        endpoints.put("approved unpaid", i -> "/api/finance/approved-unpaid?limit=50");
        endpoints.put("payouts (period)", i -> "/api/finance/payouts?from=" + FROM + "&to=" + TO + "&limit=50");
        endpoints.put("daily totals", i -> "/api/finance/reports/daily?from=" + FROM + "&to=" + TO);
        endpoints.put("monthly totals", i -> "/api/finance/reports/monthly?from=" + FROM + "&to=" + TO);
        endpoints.put("refund reasons by reason/week", i -> "/api/analytics/refund-reasons?from=" + FROM + "&to=" + TO
                + "&granularity=WEEK");
        endpoints.put("refund reasons by product", i -> "/api/analytics/refund-reasons?from=" + FROM + "&to=" + TO
                + "&groupBy=PRODUCT");
        endpoints.put("cancellation reasons", i -> "/api/analytics/cancellation-reasons?from=" + FROM + "&to=" + TO);
        endpoints.put("staff KPIs leaderboard", i -> "/api/kpis/staff?from=" + FROM + "&to=" + TO);
        endpoints.put("staff KPIs of one", i -> "/api/kpis/staff/" + (i % 2 == 0 ? "reviewer" : "reviewer2") + "?from="
                + FROM + "&to=" + TO);
        endpoints.put("subscription", i -> "/api/subscriptions/" + samples.subscription(i));
        endpoints.put("customer subscriptions", i -> "/api/customers/" + samples.subscriptionCustomer(i) + "/subscriptions");
        endpoints.put("audit history of a refund", i -> "/api/audit/refunds/" + samples.application(i) + "/history");

        if (record) {
            note("   %-32s %9s %9s %9s %9s %9s  %s", "endpoint", "p50 ms", "p99 ms", "max ms", "requests", "gc ms", "answers");
        }
        for (Map.Entry<String, Function<Integer, String>> endpoint : endpoints.entrySet()) {
            for (int i = 0; i < 20; i++) {
                get(http, auth, endpoint.getValue().apply(i));
            }
            long[] took = new long[settings.requests()];
            Map<Integer, Integer> statuses = new TreeMap<>();
            long gcBefore = gcMillis();
            for (int i = 0; i < settings.requests(); i++) {
                long t = System.nanoTime();
                int status = get(http, auth, endpoint.getValue().apply(i + 20));
                took[i] = System.nanoTime() - t;
                statuses.merge(status, 1, Integer::sum);
            }
            long gc = gcMillis() - gcBefore;
            Arrays.sort(took);
            if (!record) {
                continue;
            }
            latencies.computeIfAbsent(endpoint.getKey(), k -> new TreeMap<>()).put(applications, took);
            note("   %-32s %9.2f %9.2f %9.2f %9d %9d  %s", endpoint.getKey(), percentile(took, 50) / 1e6,
                    percentile(took, 99) / 1e6, took[took.length - 1] / 1e6, took.length, gc, statuses);
        }
    }

    /**
     * Time the JVM's collectors spent so far (G1's are pauses), summed: beside an endpoint's latencies it tells
     * whether its outliers were garbage collection in this one JVM, which holds the server, the processors and the app.
     */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private int get(HttpClient http, String auth, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The same endpoints at each size, side by side: how the latency grows with the data (ratios of one run). */
    private void compareQueryLatencies() {
        List<Integer> sizes = settings.applications();
        if (sizes.size() < 2) {
            return;
        }
        int first = sizes.get(0);
        int last = sizes.get(sizes.size() - 1);
        note("");
        note("2b. Query latency as the data grows, %,d → %,d applications (%.0f×): p50 / p99 ms at each size, and the p99 ratio",
                first, last, (double) last / first);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "   %-32s", "endpoint"));
        sizes.forEach(size -> header.append(String.format(Locale.ROOT, " %19s", String.format(Locale.ROOT, "%,d apps", size))));
        note("%s %10s", header, "p99 ratio");
        latencies.forEach((endpoint, bySize) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-32s", endpoint));
            sizes.forEach(size -> {
                long[] took = bySize.get(size);
                line.append(String.format(Locale.ROOT, " %9.2f /%8.2f", percentile(took, 50) / 1e6, percentile(took, 99) / 1e6));
            });
            note("%s %9.2f×", line, percentile(bySize.get(last), 99) / percentile(bySize.get(first), 99));
        });
    }

    // ------------------------------------------------------------------------------------------- 3. rebuilds

    private void rebuilds() {
        long head = head();
        long upTo = settings.rebuildEvents() > 0 ? Math.min(head, settings.rebuildEvents()) : head;
        note("");
        note("3. Rebuild against the raw scan, %,d events in the store%s", head,
                upTo < head ? String.format(Locale.ROOT, "; each rebuild timed over its first %,d events, then stopped", upTo) : "");
        double raw = 0;
        for (int run = 0; run < 2; run++) {
            raw = Math.max(raw, rawScanRate());
        }
        rawScanRate = raw;
        note("   raw driver scan of %s (_id $in over windows of 1,000 positions, as the storage engine reads): %,.0f events/s (best of two)", MongoCommitLogStorageEngine.COMMITS, raw);
        engineReads(upTo);
        noteRateHeader();
        for (String name : processorNames()) {
            long start = System.nanoTime();
            administration.replay(name);
            double took = awaitReplayed(name, upTo, start);
            if (upTo < head) {
                streaming(name).shutDown(); // half rebuilt: stopped, so it takes no time from the next one's rebuild
            }
            replayRates.put(name, upTo / took);
            noteRate(name, took, upTo / took, raw);
        }
        note("   blue/green: the next generation filled by its own tracking processor (POST .../rebuild), timed until its stored "
                + "tokens pass %,d, then given up (DELETE .../rebuild)", upTo);
        noteRateHeader();
        for (String name : processorNames()) {
            long start = System.nanoTime();
            int generation = rebuilds.start(name);
            double took = awaitStored(ReadModelGenerations.tokenName(name, generation), upTo, start);
            try {
                rebuilds.cancel(name);
            } catch (DomainException switchedAlready) {
                // It reached the head and took over before it could be given up: the store is no longer than upTo.
            }
            rebuildRates.put(name, upTo / took);
            noteRate(name, took, upTo / took, raw);
        }
    }

    private void noteRateHeader() {
        note("   %-24s %10s %12s %10s", "processor", "seconds", "events/s", "of raw");
    }

    private void noteRate(String processor, double seconds, double eventsPerSecond, double raw) {
        note("   %-24s %10.1f %12.0f %9.1f%%", processor, seconds, eventsPerSecond, 100 * eventsPerSecond / raw);
    }

    /** Seconds until every token row of {@code processorName} has passed {@code position}. */
    private double awaitStored(String processorName, long position, long start) {
        while (true) {
            List<Long> positions = rebuilds.tokenPositions(processorName);
            if (!positions.isEmpty() && positions.stream().allMatch(p -> p >= position)) {
                return seconds(start);
            }
            if (seconds(start) > CATCH_UP_LIMIT.toSeconds()) {
                note("   %s did not pass %,d within %s", processorName, position, CATCH_UP_LIMIT);
                return seconds(start);
            }
            sleep(50);
        }
    }

    /** The figures of this run as the issue asks for them, beside the text. */
    private String summaryJson() {
        List<Integer> sizes = settings.applications();
        int small = sizes.isEmpty() ? 0 : sizes.get(0);
        int large = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        StringBuilder json = new StringBuilder("{\n  \"endpoints\": {");
        String separator = "\n";
        for (Map.Entry<String, Map<Integer, long[]>> endpoint : latencies.entrySet()) {
            long[] atSmall = endpoint.getValue().getOrDefault(small, new long[0]);
            long[] atLarge = endpoint.getValue().getOrDefault(large, new long[0]);
            json.append(separator).append(String.format(Locale.ROOT, "    \"%s\": {\"p50_ms_small\": %s, \"p99_ms_small\": %s, "
                            + "\"p50_ms_large\": %s, \"p99_ms_large\": %s}", endpoint.getKey(),
                    number(percentile(atSmall, 50) / 1e6, 2), number(percentile(atSmall, 99) / 1e6, 2),
                    number(percentile(atLarge, 50) / 1e6, 2), number(percentile(atLarge, 99) / 1e6, 2)));
            separator = ",\n";
        }
        json.append("\n  },\n  \"processors\": {");
        separator = "\n";
        Set<String> names = new TreeSet<>(lagAtTopRate.keySet());
        names.addAll(rebuildRates.keySet());
        names.addAll(replayRates.keySet());
        for (String name : names) {
            double[] lag = lagAtTopRate.get(name);
            json.append(separator).append(String.format(Locale.ROOT, "    \"%s\": {\"lag_p50_ms\": %s, \"lag_p99_ms\": %s, "
                            + "\"rebuild_events_per_s\": %s, \"replay_events_per_s\": %s}", name,
                    number(lag == null ? Double.NaN : lag[0]), number(lag == null ? Double.NaN : lag[1]),
                    number(rebuildRates.getOrDefault(name, Double.NaN)), number(replayRates.getOrDefault(name, Double.NaN))));
            separator = ",\n";
        }
        json.append("\n  },\n").append(String.format(Locale.ROOT, "  \"raw_scan_events_per_s\": %s,%n  \"catch_up_s\": %s,%n",
                number(rawScanRate), number(catchUpSeconds)));
        json.append("  \"sizes\": ").append(sizes).append("\n}\n");
        return json.toString();
    }

    private static String number(double value) {
        return number(value, 1);
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * Every commit read through the driver, by {@code _id $in} over windows of positions, as the storage engine reads
     * them: a commit's {@code _id} is the position of its first event, so each commit starts in exactly one window. A
     * plain {@code find()} of the whole collection is no fair baseline on the embedded server: upstream collects every
     * match before answering, and at 1.2 million events that ran a 2 GB server out of heap.
     */
    private double rawScanRate() {
        MongoCollection<Document> commits = database.getCollection(MongoCommitLogStorageEngine.COMMITS);
        long head = head();
        long start = System.nanoTime();
        long events = 0;
        int window = 1_000;
        for (long from = 1; from <= head; from += window) {
            List<Long> starts = java.util.stream.LongStream.range(from, from + window).boxed().toList();
            // Small batches: the embedded server does not split a reply by size (the driver's limit is 48 MB).
            for (Document commit : commits.find(com.mongodb.client.model.Filters.in("_id", starts)).batchSize(100)) {
                events += commit.getList("events", Document.class).size();
            }
        }
        return events / seconds(start);
    }

    /**
     * One reader through the application's storage engine (Axon's stream of tracked events, payloads left serialized)
     * over the first {@code upTo} events: what reading costs a rebuild before any handling, best of two.
     */
    private void engineReads(long upTo) {
        double best = 0;
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            long events;
            try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(null, false)) {
                events = stream.takeWhile(e -> e.trackingToken().position().orElse(0) <= upTo).count();
            }
            best = Math.max(best, events / seconds(start));
        }
        note("   storage engine read, one reader, payloads not deserialized: %,.0f events/s (%.1f%% of raw; best of two)",
                best, 100 * best / rawScanRate);
    }

    private double awaitReplayed(String name, long head, long start) {
        boolean seenBehind = false;
        while (true) {
            Map<Integer, EventTrackerStatus> status = streaming(name).processingStatus();
            // Not "!isReplaying()": Axon keeps a replay token until an event beyond the reset position arrives, and
            // nothing is appended meanwhile.
            // And by the stored tokens: a batch carried between units of work (CarriedBatches) is handled, not written.
            boolean done = !status.isEmpty() && status.values().stream()
                    .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head)
                    && rebuilds.tokenPositions(name).stream().allMatch(p -> p >= head);
            seenBehind |= !done;
            // Just after the reset the old status may still show: count only a finish seen after being behind.
            if (done && (seenBehind || seconds(start) > 5)) {
                return seconds(start);
            }
            if (seconds(start) > CATCH_UP_LIMIT.toSeconds()) {
                note("   %s did not finish its replay within %s", name, CATCH_UP_LIMIT);
                return seconds(start);
            }
            sleep(50);
        }
    }

    // ------------------------------------------------------------------------------------------- processors

    private List<String> processorNames() {
        return processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey).sorted().toList();
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /** The position every segment has passed; empty while the processor has no segment claimed. */
    private OptionalLong slowestPosition(String name) {
        Map<Integer, EventTrackerStatus> status = streaming(name).processingStatus();
        if (status.isEmpty()) {
            return OptionalLong.empty();
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        return OptionalLong.of(slowest);
    }

    /** Before the first measurement: every processor has started and claimed its segments. */
    private void awaitSegmentsClaimed() {
        long start = System.nanoTime();
        for (String name : processorNames()) {
            while (streaming(name).processingStatus().isEmpty()) {
                if (seconds(start) > 60) {
                    note("   %s claimed no segment within 60 s", name);
                    break;
                }
                sleep(50);
            }
        }
    }

    private Map<String, Double> awaitCaughtUp(List<String> names, long head) {
        long start = System.nanoTime();
        Map<String, Double> done = new TreeMap<>();
        while (done.size() < names.size()) {
            for (String name : names) {
                if (!done.containsKey(name) && slowestPosition(name).orElse(-1) >= head && !carried.carriesAny(name)) {
                    done.put(name, seconds(start));
                }
            }
            if (seconds(start) > CATCH_UP_LIMIT.toSeconds()) {
                note("   not caught up within %s: %s", CATCH_UP_LIMIT,
                        names.stream().filter(n -> !done.containsKey(n)).toList());
                return done;
            }
            sleep(50);
        }
        return done;
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** Ids to ask for, sampled from the loaded histories. */
    private static final class Samples {
        private static final int KEEP = 2_000;
        private final List<String> applications = new ArrayList<>();
        private final List<String> numbers = new ArrayList<>();
        private final List<String> customers = new ArrayList<>();
        private final List<String> orders = new ArrayList<>();
        private final List<String> subscriptions = new ArrayList<>();
        private final List<String> subscriptionCustomers = new ArrayList<>();

        void restore(KeptStore store) {
            store.samples().forEach((list, values) -> lists().get(list).addAll(values));
        }

        /** The lists by name, as a kept store saves them. */
        Map<String, List<String>> lists() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            lists.put("applications", applications);
            lists.put("numbers", numbers);
            lists.put("customers", customers);
            lists.put("orders", orders);
            lists.put("subscriptions", subscriptions);
            lists.put("subscriptionCustomers", subscriptionCustomers);
            return lists;
        }

        void collect(List<DomainEventMessage<?>> history) {
            int every = Math.max(1, history.size() / KEEP);
            for (int i = 0; i < history.size(); i += 1) {
                Object payload = history.get(i).getPayload();
                if (payload instanceof RefundApplicationSubmitted submitted && applications.size() < KEEP * 5 && i % every == 0) {
                    applications.add(submitted.applicationId());
                    numbers.add(submitted.applicationNumber());
                    customers.add(submitted.customerId());
                    orders.add(submitted.orderId());
                } else if (payload instanceof SubscriptionStarted started && subscriptions.size() < KEEP) {
                    subscriptions.add(started.subscriptionId());
                    subscriptionCustomers.add(started.customerId());
                }
            }
        }

        String application(int i) {
            return pick(applications, i);
        }

        String number(int i) {
            return pick(numbers, i);
        }

        String customer(int i) {
            return pick(customers, i);
        }

        String order(int i) {
            return pick(orders, i);
        }

        String subscription(int i) {
            return pick(subscriptions, i);
        }

        String subscriptionCustomer(int i) {
            return pick(subscriptionCustomers, i);
        }

        private static String pick(List<String> values, int i) {
            // A stride through the sample, so consecutive requests ask for unrelated documents.
            return values.isEmpty() ? "none" : values.get((int) ((i * 7_919L) % values.size()));
        }
    }

    /** The embedded server: in this JVM, or in its own process as {@code run.sh} starts it ({@code benchmark.server-heap}). */
    private interface Database extends AutoCloseable {

        String uri(String database);

        @Override
        void close() throws Exception;

        static Database inThisJvm(EmbeddedMongoServer server) {
            return new Database() {
                @Override
                public String uri(String database) {
                    return server.connectionString(database);
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }

        /** {@link io.refundledger.infrastructure.mongo.EmbeddedMongoMain} on this classpath, on a free port. */
        static Database inItsOwnJvm(Path data, String heap, int cacheMb, int compactFillRate)
                throws IOException, InterruptedException {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-Xlog:gc:file=" + data.resolveSibling("db-gc.log") + ":uptime"));
            // Further options for the server's JVM (-Dbenchmark.server-jvm-options="-XX:MaxGCPauseMillis=50 …").
            Arrays.stream(System.getProperty("benchmark.server-jvm-options", "").split("\\s+"))
                    .filter(option -> !option.isBlank()).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.refundledger.infrastructure.mongo.EmbeddedMongoMain"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("EMBEDDED_MONGO_PORT", String.valueOf(port));
            builder.environment().put("EMBEDDED_MONGO_DATA", data.toString());
            builder.environment().put("EMBEDDED_MONGO_CACHE_MB", String.valueOf(cacheMb));
            builder.environment().put("EMBEDDED_MONGO_COMPACT_FILL_RATE", String.valueOf(compactFillRate));
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            java.io.BufferedReader output = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("EMBEDDED_MONGO_READY")) {
                System.out.println("[db] " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the embedded server exited during start-up: " + process.waitFor());
            }
            Thread drain = new Thread(() -> output.lines().forEach(l -> System.out.println("[db] " + l)), "db-output");
            drain.setDaemon(true);
            drain.start();
            return new Database() {
                @Override
                public String uri(String database) {
                    return "mongodb://127.0.0.1:" + port + "/" + database;
                }

                @Override
                public void close() throws InterruptedException {
                    process.destroy(); // SIGTERM: its shutdown hook closes the store
                    process.waitFor(60, TimeUnit.SECONDS);
                }
            };
        }
    }

    /**
     * What an earlier run loaded into a kept store ({@code benchmark.store}): sizes, the next seed, the query samples,
     * and whether the processors had caught up, in {@code benchmark-store.txt} beside the database.
     */
    private record KeptStore(Path file, int applications, int previousApplications, int seed, long appendedEvents,
                             boolean caughtUp, Map<String, List<String>> samples) {

        static KeptStore in(Path work) throws IOException {
            Path file = work.resolve("benchmark-store.txt");
            if (!Files.exists(file)) {
                return new KeptStore(file, 0, 0, 0, 0, true, Map.of());
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, List<String>> samples = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t");
                if (parts[0].startsWith("sample.")) {
                    samples.put(parts[0].substring("sample.".length()), List.of(parts).subList(1, parts.length));
                } else {
                    values.put(parts[0], parts[1]);
                }
            }
            return new KeptStore(file, Integer.parseInt(values.get("applications")),
                    Integer.parseInt(values.get("previousApplications")), Integer.parseInt(values.get("seed")),
                    Long.parseLong(values.get("appendedEvents")), Boolean.parseBoolean(values.get("caughtUp")), samples);
        }

        void save(int applications, int previous, int seed, Samples samples, long events, boolean caughtUp)
                throws IOException {
            List<String> lines = new ArrayList<>(List.of("applications\t" + applications, "previousApplications\t" + previous,
                    "seed\t" + seed, "appendedEvents\t" + events, "caughtUp\t" + caughtUp));
            samples.lists().forEach((name, values) -> lines.add("sample." + name + "\t" + String.join("\t", values)));
            Files.write(file, lines, StandardCharsets.UTF_8);
        }
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
