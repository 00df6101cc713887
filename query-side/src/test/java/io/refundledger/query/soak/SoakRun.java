package io.refundledger.query.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.Binary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The load and fault harness: a cluster of two command-side and two query-side instances on one database, staff and
 * customers working through HTTP, a client sending bad input, and on a schedule a SIGKILL of a command-side instance,
 * of a query-side instance and of the embedded database, each started again. Then the checker, and the report in
 * {@code benchmark-results/soak.txt} and {@code .json}.
 *
 * <pre>
 *   ./run.sh soak                           ten minutes, the committed run
 *   ./run.sh soak -Dsoak.seconds=60 -Dsoak.users=4
 *   MONGODB_URI=mongodb://host/refundledger?replicaSet=rs0 ./run.sh soak   (no database kill: it is not ours)
 * </pre>
 *
 * Exits with status 1 when anything was lost, doubled or differs, so scripts and CI can rely on it.
 */
public final class SoakRun {

    /** What to run: defaults for the committed ten-minute run; the test suite's short run is smaller. */
    record Settings(int seconds, int users, double pauseMillis, long badInputPauseMillis, boolean faults, Path output,
                    Path logs, Path root, String mongoUri, Instant clockStart) {

        static Settings fromSystemProperties() {
            Path root = Path.of(System.getProperty("soak.root", System.getProperty("user.dir")));
            if (!root.resolve("run.sh").toFile().exists() && root.getParent() != null && root.getParent().resolve("run.sh").toFile().exists()) {
                root = root.getParent();
            }
            return new Settings(Integer.getInteger("soak.seconds", 600), Integer.getInteger("soak.users", 8),
                    Double.parseDouble(System.getProperty("soak.pause-ms", "100")),
                    Long.getLong("soak.bad-input-pause-ms", 250), Boolean.parseBoolean(System.getProperty("soak.faults", "true")),
                    root.resolve(System.getProperty("soak.output", "benchmark-results/soak")),
                    root.resolve(System.getProperty("soak.logs", "query-side/target/soak-logs")), root,
                    blankToNull(System.getenv("MONGODB_URI")),
                    // 10:00 in Shanghai on a fixed Monday: the run's business day, whatever day it runs
                    Instant.parse(System.getProperty("soak.clock-start", "2026-11-23T02:00:00Z")));
        }

        static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** A fault injected: when, how long until the instance was back, and for a query-side instance, until its segments moved. */
    record Fault(String kind, String instance, double atSeconds, double recoveredSeconds, Double takeoverSeconds) {
    }

    public static void main(String[] args) throws Exception {
        SoakReport report = run(Settings.fromSystemProperties());
        System.exit(report.passed() ? 0 : 1);
    }

    static SoakReport run(Settings settings) throws Exception {
        long started = System.nanoTime();
        say("starting the cluster (logs in %s)", settings.logs());
        try (SoakCluster cluster = new SoakCluster(settings.root(), settings.logs(), settings.clockStart(), settings.mongoUri(),
                settings.mongoUri() == null ? "soak" : "soak_" + java.util.UUID.randomUUID().toString().substring(0, 8))) {
            cluster.start();
            say("cluster up in %.0f s: commands on %s, queries on %s", (System.nanoTime() - started) / 1e9,
                    cluster.commandSide().stream().map(i -> i.port).toList(), cluster.querySide().stream().map(i -> i.port).toList());
            long loadStarted = System.nanoTime();
            SoakClient client = new SoakClient(loadStarted, "soak");
            SoakLoad load = new SoakLoad(cluster, client, settings.users(), settings.pauseMillis());
            SoakBadInputs bad = new SoakBadInputs(cluster, client, settings.badInputPauseMillis());
            load.start();
            bad.start();

            List<Fault> faults = new ArrayList<>();
            if (settings.faults()) {
                double s = settings.seconds();
                waitUntil(client, 0.2 * s);
                faults.add(killAndRestart(cluster, client, "kill -9 command-side", cluster.instance("command-1")));
                waitUntil(client, 0.45 * s);
                faults.add(killQuerySide(cluster, client, cluster.instance("query-1")));
                if (cluster.embedded()) {
                    waitUntil(client, 0.7 * s);
                    faults.add(killDatabase(cluster, client));
                } else {
                    say("MONGODB_URI is set: the database is not ours to kill; that fault is skipped");
                }
            }
            waitUntil(client, settings.seconds());
            say("load ran %.0f s; stopping the clients", client.now());
            bad.stop();
            load.stop();
            double loadSeconds = client.now();

            say("waiting for every processor to catch up with the head");
            long quietStarted = System.nanoTime();
            awaitQuiet(cluster, Duration.ofMinutes(15));
            double catchUpSeconds = (System.nanoTime() - quietStarted) / 1e9;
            say("caught up in %.0f s; checking", catchUpSeconds);
            SoakChecker.Findings findings = new SoakChecker(cluster, client).check();
            SoakReport report = new SoakReport(settings, loadSeconds, catchUpSeconds, client, load, bad, faults, findings,
                    (System.nanoTime() - started) / 1e9);
            report.write();
            return report;
        }
    }

    // ------------------------------------------------------------------------------------------------ faults

    private static Fault killAndRestart(SoakCluster cluster, SoakClient client, String kind, SoakCluster.Instance instance) throws Exception {
        double at = client.now();
        say("%s: %s (pid %d)", kind, instance.name, instance.pid());
        cluster.kill(instance);
        cluster.restart(instance);
        double back = client.now() - at;
        say("%s back in %.1f s", instance.name, back);
        return new Fault(kind, instance.name, at, back, null);
    }

    /** Kills a query-side instance and measures until the survivor holds every segment the dead one held. */
    private static Fault killQuerySide(SoakCluster cluster, SoakClient client, SoakCluster.Instance instance) throws Exception {
        SoakCluster.Instance survivor = cluster.querySide().stream().filter(i -> i != instance).findFirst().orElseThrow();
        Map<String, Set<Integer>> held = heldSegments(client, instance);
        double at = client.now();
        say("kill -9 query-side: %s (pid %d), which held %s", instance.name, instance.pid(), held);
        cluster.kill(instance);
        Double takeover = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Map<String, Set<Integer>> now = heldSegments(client, survivor);
            boolean all = held.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
            if (all) {
                takeover = client.now() - at;
                break;
            }
            Thread.sleep(250);
        }
        say("%s took over its segments in %s s", survivor.name, takeover == null ? "(not within 3 min)" : String.format("%.1f", takeover));
        cluster.restart(instance);
        double back = client.now() - at;
        say("%s back in %.1f s", instance.name, back);
        return new Fault("kill -9 query-side", instance.name, at, back, takeover);
    }

    private static Fault killDatabase(SoakCluster cluster, SoakClient client) throws Exception {
        SoakCluster.Instance database = cluster.instance("db");
        double at = client.now();
        say("kill -9 embedded database (pid %d)", database.pid());
        cluster.kill(database);
        cluster.restart(database);
        // Back when every app says it is healthy again (their health includes the database).
        for (SoakCluster.Instance app : cluster.commandSide()) {
            cluster.awaitHealthy(app, Duration.ofMinutes(3));
        }
        for (SoakCluster.Instance app : cluster.querySide()) {
            cluster.awaitHealthy(app, Duration.ofMinutes(3));
        }
        double back = client.now() - at;
        say("database and every app healthy again in %.1f s", back);
        return new Fault("kill -9 embedded database", "db", at, back, null);
    }

    private static Map<String, Set<Integer>> heldSegments(SoakClient client, SoakCluster.Instance instance) {
        Map<String, Set<Integer>> held = new HashMap<>();
        JsonNode status = client.read("CHECK processors", List.of(instance), 0, "/api/admin/processors", "admin").orElse(null);
        if (status != null) {
            for (JsonNode p : status.path("processors")) {
                Set<Integer> segments = new HashSet<>();
                p.path("segments").forEach(s -> segments.add(s.path("segment").asInt()));
                if (!segments.isEmpty()) {
                    held.put(p.path("name").asText(), segments);
                }
            }
        }
        return held;
    }

    // --------------------------------------------------------------------------------------------- waiting

    private static void waitUntil(SoakClient client, double seconds) {
        while (client.now() < seconds) {
            SoakClient.sleep(Math.min(500, (long) ((seconds - client.now()) * 1000) + 1));
        }
    }

    /**
     * Until the log has not grown for a while (the cancellation process and the notification dispatcher finish what
     * the load started) and every processor's token, on both sides, stands at its head.
     */
    private static void awaitQuiet(SoakCluster cluster, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastHead = -1;
        long stableSince = System.nanoTime();
        try (MongoClient mongo = MongoClients.create(cluster.mongoUri(cluster.databaseName()))) {
            var database = mongo.getDatabase(cluster.databaseName());
            while (System.nanoTime() < deadline) {
                long head = 0;
                for (Document commit : database.getCollection("event_commits").find().projection(new Document("lastPosition", 1))) {
                    head = Math.max(head, ((Number) commit.get("lastPosition")).longValue());
                }
                if (head != lastHead) {
                    lastHead = head;
                    stableSince = System.nanoTime();
                }
                boolean tokensAtHead = true;
                int tokens = 0;
                for (Document token : database.getCollection("trackingtokens").find()) {
                    tokens++;
                    Object stored = token.get("token");
                    String json = stored == null ? "" : stored instanceof Binary b ? new String(b.getData(), StandardCharsets.UTF_8) : stored.toString();
                    JsonNode parsed = SoakClient.parse(json);
                    JsonNode index = parsed == null ? null : parsed.findValue("globalIndex");
                    if (index == null || index.asLong() != head) {
                        tokensAtHead = false;
                    }
                }
                if (tokens > 0 && tokensAtHead && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(20)) {
                    return;
                }
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("processors did not settle at the head within " + limit);
    }

    static void say(String format, Object... arguments) {
        System.out.println("[soak] " + String.format(java.util.Locale.ROOT, format, arguments));
    }
}
