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
    private static EmbeddedMongoServer server;

    private TestMongo() {
    }

    public static synchronized EmbeddedMongoServer server() {
        if (server == null) {
            server = EmbeddedMongoServer.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-mongo-shutdown"));
        }
        return server;
    }

    /** A connection string naming a database no other caller has used. */
    public static String freshDatabaseUri() {
        return server().connectionString("test" + DATABASES.incrementAndGet());
    }
}
