package io.refundledger.query.soak;

import io.refundledger.infrastructure.testing.TestMongo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The system as {@code ./run.sh cluster} runs it, as separate processes from the jars the build produced: the embedded
 * database (unless a real MongoDB is given), two command-side and two query-side instances on one database. Any of
 * them can be killed with SIGKILL and started again; the apps share one clock that starts at a fixed instant and keeps
 * running across restarts, so dates in the run are the run's own whatever day it is.
 */
final class SoakCluster implements AutoCloseable {

    enum Role { DATABASE, COMMAND, QUERY }

    /** One process of the cluster; {@code port} stays the same across restarts, so clients need not know. */
    static final class Instance {
        final String name;
        final Role role;
        final int port;
        volatile Process process;
        volatile int launches;

        Instance(String name, Role role, int port) {
            this.name = name;
            this.role = role;
            this.port = port;
        }

        long pid() {
            return process == null ? -1 : process.pid();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    private final Path root;
    private final Path logs;
    private final Instant clockStart;
    private final long clockStartedNanos = System.nanoTime();
    /** The system instant at which the apps' clock reads {@code clockStart}. */
    private final Instant anchor = Instant.now();
    private final String externalUri;
    private final String databaseName;
    private final Path data;
    /** What the apps keep beside the database (exports, the audit signing key), shared as on one machine. */
    private final Path appData;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Instance database;

    SoakCluster(Path root, Path logs, Instant clockStart, String externalUri, String databaseName) throws IOException {
        this.root = root;
        this.logs = logs;
        this.clockStart = clockStart;
        this.externalUri = externalUri;
        this.databaseName = databaseName;
        Files.createDirectories(logs);
        this.data = externalUri == null ? Files.createTempDirectory("soak-db") : null;
        this.appData = Files.createTempDirectory("soak-app-data");
        this.database = externalUri == null ? add("db", Role.DATABASE) : null;
        add("command-1", Role.COMMAND);
        add("command-2", Role.COMMAND);
        add("query-1", Role.QUERY);
        add("query-2", Role.QUERY);
    }

    private Instance add(String name, Role role) throws IOException {
        Instance instance = new Instance(name, role, freePort());
        instances.put(name, instance);
        return instance;
    }

    boolean embedded() {
        return database != null;
    }

    /** The database every app uses; a second name on the same server holds the checker's fresh rebuild. */
    String mongoUri(String name) {
        if (externalUri == null) {
            return "mongodb://127.0.0.1:" + database.port + "/" + name;
        }
        return TestMongo.withDatabase(externalUri, name);
    }

    String databaseName() {
        return databaseName;
    }

    List<Instance> commandSide() {
        return instances.values().stream().filter(i -> i.role == Role.COMMAND).toList();
    }

    List<Instance> querySide() {
        return instances.values().stream().filter(i -> i.role == Role.QUERY).toList();
    }

    Instance instance(String name) {
        return instances.get(name);
    }

    Instant clockNow() {
        return clockStart.plusNanos(System.nanoTime() - clockStartedNanos);
    }

    /** Starts the database, then the four apps side by side, and waits until all are healthy. */
    void start() throws Exception {
        if (database != null) {
            launch(database);
            awaitPort(database);
        }
        List<CompletableFuture<Void>> apps = new ArrayList<>();
        for (Instance instance : instances.values()) {
            if (instance.role != Role.DATABASE) {
                launch(instance);
                apps.add(CompletableFuture.runAsync(() -> awaitHealthyUnchecked(instance, Duration.ofMinutes(4))));
            }
        }
        CompletableFuture.allOf(apps.toArray(CompletableFuture[]::new)).join();
    }

    /** SIGKILL: nothing is flushed, no claim released, no response finished. */
    void kill(Instance instance) throws InterruptedException {
        Process process = instance.process;
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the instance again; answers when it is healthy (the database: when it accepts connections). */
    void restart(Instance instance) throws Exception {
        launch(instance);
        if (instance.role == Role.DATABASE) {
            awaitPort(instance);
        } else {
            awaitHealthy(instance, Duration.ofMinutes(4));
        }
    }

    /** One more query-side process on another database: the checker's fresh rebuild. Stopped by the caller. */
    Process startRebuildQuerySide(String rebuildDatabase, int port) throws Exception {
        Instance rebuild = new Instance("query-rebuild", Role.QUERY, port);
        launch(rebuild, mongoUri(rebuildDatabase));
        awaitHealthy(rebuild, Duration.ofMinutes(4));
        return rebuild.process;
    }

    private void launch(Instance instance) throws IOException {
        launch(instance, mongoUri(databaseName));
    }

    private void launch(Instance instance, String mongoUri) throws IOException {
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (instance.role == Role.DATABASE) {
            command.addAll(List.of("-Xmx1g", "-jar", jar("shared-events/infrastructure", "ledger-infrastructure", "launcher").toString()));
            env.put("EMBEDDED_MONGO_PORT", Integer.toString(instance.port));
            env.put("EMBEDDED_MONGO_DATA", data.toString());
        } else {
            String module = instance.role == Role.COMMAND ? "command-side" : "query-side";
            command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true",
                    "-jar", jar(module, module, "exec").toString(),
                    "--server.port=" + instance.port, "--ledger.clock.start=" + clockStart,
                    // One clock for every instance and every restart: the start, read at the moment the run began.
                    "--ledger.clock.start-anchor=" + anchor));
            env.put("MONGODB_URI", mongoUri);
            env.put("EMBEDDED_MONGO_DATA", appData.toString());
        }
        instance.launches++;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance.name + ".log").toFile()));
        builder.environment().putAll(env);
        instance.process = builder.start();
    }

    private Path jar(String module, String artifact, String classifier) {
        Path jar = root.resolve(module + "/target/" + artifact + "-" + VERSION + "-" + classifier + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (./mvnw -q -B install -DskipTests)");
        }
        return jar;
    }

    private void awaitHealthyUnchecked(Instance instance, Duration limit) {
        try {
            awaitHealthy(instance, limit);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void awaitHealthy(Instance instance, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.process.isAlive()) {
                throw new IllegalStateException(instance.name + " exited during start-up; see " + logs.resolve(instance.name + ".log"));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(instance.name + " did not become healthy; see " + logs.resolve(instance.name + ".log"));
    }

    private void awaitPort(Instance instance) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!instance.process.isAlive()) {
                throw new IllegalStateException(instance.name + " exited during start-up");
            }
            try (Socket ignored = new Socket("127.0.0.1", instance.port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(instance.name + " did not open port " + instance.port);
    }

    /** Apps first (SIGTERM, so they release their claims), then the database. */
    @Override
    public void close() {
        for (Instance instance : instances.values()) {
            if (instance.role != Role.DATABASE && instance.process != null) {
                instance.process.destroy();
            }
        }
        for (Instance instance : instances.values()) {
            if (instance.role != Role.DATABASE && instance.process != null) {
                try {
                    if (!instance.process.waitFor(30, TimeUnit.SECONDS)) {
                        instance.process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (database != null && database.process != null) {
            database.process.destroy();
            try {
                database.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            database.process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
