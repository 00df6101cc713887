package io.refundledger.query.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as a user runs it: the embedded database and both apps as separate processes, from
 * the jars the build produced. After the apps are stopped and the database process is killed with
 * SIGKILL, everything restarts with its events, tokens and read models intact, and processing resumes
 * where it stopped instead of starting over.
 */
class SystemRestartIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Demo users (HTTP Basic): customer service submits, a reviewer decides, an auditor reads. */
    private static final String AGENT = "agent";
    private static final String REVIEWER = "reviewer";
    private static final String AUDITOR = "auditor";
    /**
     * The apps' clock (ledger.clock.start): 10:00 in Shanghai, three weeks after the purchase below, so the refund
     * window and the application numbers' day are the test's own, whatever day it runs. Each launch continues
     * from where the clock had got to, as one clock would.
     */
    private static final Instant CLOCK_START = Instant.parse("2026-11-23T02:00:00Z");
    private static final String PURCHASED_AT = "2026-11-01T10:00:00+08:00";
    private static final String NUMBERS_OF_THE_DAY = "RF-20261123-";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> running = new ArrayList<>();
    private final Path logs = Path.of("target", "it-logs");

    private int dbPort;
    private int commandPort;
    private int queryPort;
    private Path data;
    private long clockStartedNanos;

    @AfterEach
    void stopEverything() {
        running.forEach(Process::destroyForcibly);
    }

    @Test
    void eventsTokensAndReadModelsSurviveARestartAndProcessingResumesWhereItStopped() throws Exception {
        dbPort = freePort();
        commandPort = freePort();
        queryPort = freePort();
        data = Files.createTempDirectory("restart-it");
        Files.createDirectories(logs);
        clockStartedNanos = System.nanoTime();

        Process db = startDatabase("db-1");
        Process command = startApp("command-side", commandPort, "command-1");
        Process query = startApp("query-side", queryPort, "query-1");

        String approved = submit("SO-RESTART-1");
        String rejected = submit("SO-RESTART-2");
        String pending = submit("SO-RESTART-3");
        post(commandPort, "/api/refunds/" + approved + "/approve", "{}", REVIEWER);
        post(commandPort, "/api/refunds/" + rejected + "/reject", "{\"reason\":\"Outside the refund window\"}", REVIEWER);
        awaitView(approved, v -> "APPROVED".equals(v.path("status").asText()));
        awaitView(rejected, v -> "REJECTED".equals(v.path("status").asText()));
        awaitView(pending, v -> "SUBMITTED".equals(v.path("status").asText()));
        // However many events each command records, the processor must have caught up with all of them; only then
        // are the views final (a decision's notification event may still be on its way when the status shows).
        long headBefore = headPosition();
        long positionBefore = awaitTokenPosition(p -> p == headBefore);
        JsonNode approvedView = view(approved);
        JsonNode rejectedView = view(rejected);
        JsonNode pendingView = view(pending);

        stopGracefully(command);
        stopGracefully(query);
        db.destroyForcibly(); // SIGKILL: nothing is flushed on the way out
        db.waitFor(30, TimeUnit.SECONDS);

        startDatabase("db-2");
        assertThat(tokenPosition()).as("token stored before the crash").isEqualTo(positionBefore);
        startApp("command-side", commandPort, "command-2");
        startApp("query-side", queryPort, "query-2");

        // Read models survived unchanged.
        assertThat(view(approved)).isEqualTo(approvedView);
        assertThat(view(rejected)).isEqualTo(rejectedView);
        assertThat(view(pending)).isEqualTo(pendingView);

        // Processing resumes after the stored position: the next event is applied once, nothing before it again.
        post(commandPort, "/api/refunds/" + pending + "/approve", "{}", REVIEWER);
        JsonNode nowApproved = awaitView(pending, v -> "APPROVED".equals(v.path("status").asText()));
        long headAfter = headPosition();
        assertThat(headAfter).isGreaterThan(positionBefore);
        assertThat(nowApproved.path("lastAppliedPosition").asLong()).isGreaterThan(positionBefore).isLessThanOrEqualTo(headAfter);
        // The steps before the restart are there once each, followed by the new ones: nothing was applied twice.
        List<JsonNode> stepsBefore = new ArrayList<>();
        pendingView.path("timeline").forEach(stepsBefore::add);
        List<JsonNode> stepsAfter = new ArrayList<>();
        nowApproved.path("timeline").forEach(stepsAfter::add);
        assertThat(stepsAfter).hasSizeGreaterThan(stepsBefore.size());
        assertThat(stepsAfter.subList(0, stepsBefore.size())).isEqualTo(stepsBefore);
        assertThat(awaitTokenPosition(p -> p == headAfter)).isEqualTo(headAfter);
        assertThat(view(approved)).isEqualTo(approvedView);
        assertThat(view(rejected)).isEqualTo(rejectedView);

        // The application-number counter survived too: numbers continue, they never repeat.
        String later = submit("SO-RESTART-4");
        JsonNode laterView = awaitView(later, v -> v.hasNonNull("applicationNumber"));
        assertThat(laterView.path("applicationNumber").asText()).isEqualTo(NUMBERS_OF_THE_DAY + "000004");
    }

    // ------------------------------------------------------------------------------------------ commands

    private String submit(String orderId) throws Exception {
        HttpResponse<String> response = post(commandPort, "/api/refunds", """
                {"customerId":"C-RESTART","orderId":"%s",
                 "paidAmount":{"amount":"300.00","currency":"CNY"},
                 "requestedAmount":{"amount":"300.00","currency":"CNY"},
                 "reasonCategory":"PRODUCT_QUALITY","reasonText":"屏幕有坏点",
                 "payoutMethod":"ORIGINAL_PAYMENT","purchasedAt":"%s"}""".formatted(orderId, PURCHASED_AT), AGENT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("applicationId").asText();
    }

    private HttpResponse<String> post(int port, String path, String body, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basicAuth(user))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
        return response;
    }

    // ----------------------------------------------------------------------------------------- queries

    private JsonNode view(String applicationId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + queryPort + "/api/refunds/" + applicationId))
                        .header("Authorization", basicAuth(AUDITOR)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode awaitView(String applicationId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode view = view(applicationId);
            if (view != null && condition.test(view)) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("view of " + applicationId + " did not reach the expected state; last: " + view(applicationId));
    }

    /**
     * The refund-progress processor's stored position, read straight from the token store: the lowest over
     * its segments, since every segment reads the whole stream.
     */
    private long tokenPosition() throws IOException {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + dbPort)) {
            long lowest = Long.MAX_VALUE;
            int segments = 0;
            for (Document token : client.getDatabase("restartit").getCollection("trackingtokens")
                    .find(new Document("processorName", "refund-progress"))) {
                segments++;
                Object stored = token.get("token");
                if (stored == null) {
                    return 0;
                }
                String json = stored instanceof Binary binary ? new String(binary.getData(), StandardCharsets.UTF_8) : stored.toString();
                JsonNode index = JSON.readTree(json).findValue("globalIndex");
                lowest = Math.min(lowest, index == null ? 0 : index.asLong());
            }
            return segments == 0 ? 0 : lowest;
        }
    }

    /** The global position of the last stored event, read straight from the commit log. */
    private long headPosition() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + dbPort)) {
            long head = 0;
            for (Document commit : client.getDatabase("restartit").getCollection("event_commits").find()
                    .projection(new Document("lastPosition", 1))) {
                head = Math.max(head, ((Number) commit.get("lastPosition")).longValue());
            }
            return head;
        }
    }

    private long awaitTokenPosition(java.util.function.LongPredicate condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long position = tokenPosition();
        while (!condition.test(position) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            position = tokenPosition();
        }
        assertThat(condition.test(position)).as("token position " + position).isTrue();
        return position;
    }

    // --------------------------------------------------------------------------------------- processes

    private Process startDatabase(String logName) throws Exception {
        Path jar = ROOT.resolve("shared-events/infrastructure/target/ledger-infrastructure-" + VERSION + "-launcher.jar");
        Process process = start(List.of(java(), "-Xmx512m", "-jar", jar.toString()),
                Map.of("EMBEDDED_MONGO_PORT", Integer.toString(dbPort), "EMBEDDED_MONGO_DATA", data.toString()), logName);
        awaitPort(dbPort, process, logName);
        return process;
    }

    private Process startApp(String module, int port, String logName) throws Exception {
        Path jar = ROOT.resolve(module + "/target/" + module + "-" + VERSION + "-exec.jar");
        Process process = start(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true",
                        "-jar", jar.toString(), "--server.port=" + port, "--ledger.clock.start=" + clockNow()),
                Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + dbPort + "/restartit"), logName);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(logName + " exited during start-up; see " + logs.resolve(logName + ".log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(logName + " did not become healthy; see " + logs.resolve(logName + ".log"));
    }

    /** Where the apps' clock has got to: its start plus the time the test has run. */
    private Instant clockNow() {
        return CLOCK_START.plusNanos(System.nanoTime() - clockStartedNanos);
    }

    private Process start(List<String> command, Map<String, String> env, String logName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        running.add(process);
        return process;
    }

    private static void stopGracefully(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: Spring shuts down, processors release their claims
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void awaitPort(int port, Process process, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited during start-up");
            }
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " did not open port " + port);
    }

    /** HTTP Basic as a demo user of the default configuration (password {@code <name>-demo}). */
    private static String basicAuth(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
