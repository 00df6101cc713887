package io.refundledger.infrastructure.testing;

import io.refundledger.infrastructure.mongo.EmbeddedMongoServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory embedded MongoDB per test JVM, reached through the real driver. Each caller gets its own
 * database, so test classes never see each other's data.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void mongo(DynamicPropertyRegistry registry) {
 *     registry.add("ledger.mongodb.uri", TestMongo::freshDatabaseUri);
 * }
 * }</pre>
 */
public final class TestMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Tells this run's databases apart from other runs' on a shared real server. */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);
    private static EmbeddedMongoServer server;

    private TestMongo() {
    }

    public static synchronized EmbeddedMongoServer server() {
        if (server == null) {
            // Never closed: it lives in memory and goes with the JVM. Closed by a shutdown hook, it went while Spring's
            // own hook was closing the cached test contexts, whose processors then waited 30 s (the driver's server
            // selection) for a database already gone, and Surefire killed the JVM.
            server = EmbeddedMongoServer.startInMemory();
        }
        return server;
    }

    /**
     * A connection string naming a database no other caller has used: on the embedded server, or, when
     * {@code MONGODB_URI} is set, on that server (a real MongoDB or replica set), in databases named for this run.
     */
    public static String freshDatabaseUri() {
        String external = System.getenv("MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return withDatabase(external, "test_" + RUN + "_" + DATABASES.incrementAndGet());
        }
        return server().connectionString("test" + DATABASES.incrementAndGet());
    }

    /** The same connection string (hosts, options) naming another database. */
    public static String withDatabase(String uri, String database) {
        int hostsStart = uri.indexOf("://") + 3;
        int pathStart = uri.indexOf('/', hostsStart);
        int optionsStart = uri.indexOf('?', hostsStart);
        String hosts = uri.substring(0, pathStart >= 0 ? pathStart : optionsStart >= 0 ? optionsStart : uri.length());
        String options = optionsStart >= 0 ? uri.substring(optionsStart) : "";
        return hosts + "/" + database + options;
    }
}
