package io.refundledger.infrastructure.mongo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded database on its own, in the foreground, until the process is stopped.
 * Settings come from the environment: {@code EMBEDDED_MONGO_HOST} (127.0.0.1), {@code EMBEDDED_MONGO_PORT}
 * (27017), {@code EMBEDDED_MONGO_DATA} (./data), {@code EMBEDDED_MONGO_FSYNC} (false) and
 * {@code EMBEDDED_MONGO_CACHE_MB} (256, H2's page cache; the launcher's heap must hold it) and
 * {@code EMBEDDED_MONGO_COMPACT_FILL_RATE} (50: the file is compacted in the background while less of it is live).
 */
public final class EmbeddedMongoMain {

    private EmbeddedMongoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = env("EMBEDDED_MONGO_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("EMBEDDED_MONGO_PORT", "27017"));
        Path data = Path.of(env("EMBEDDED_MONGO_DATA", "data"));
        boolean fsync = Boolean.parseBoolean(env("EMBEDDED_MONGO_FSYNC", "false"));
        int cacheMb = Integer.parseInt(env("EMBEDDED_MONGO_CACHE_MB", String.valueOf(EmbeddedMongoServer.DEFAULT_CACHE_MB)));

        int compactFillRate = Integer.parseInt(env("EMBEDDED_MONGO_COMPACT_FILL_RATE",
                String.valueOf(EmbeddedMongoServer.DEFAULT_COMPACT_FILL_RATE)));

        EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(data, host, port, fsync, cacheMb, compactFillRate);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "embedded-mongo-shutdown"));
        // A line other processes (run.sh, tests) wait for.
        System.out.println("EMBEDDED_MONGO_READY " + server.connectionString(""));
        System.out.flush();
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
