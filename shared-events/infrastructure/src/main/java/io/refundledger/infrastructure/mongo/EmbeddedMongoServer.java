package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default database: mongo-java-server with an H2 file, reached through the real MongoDB
 * driver at a {@code mongodb://} URI, exactly as a real MongoDB would be.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    public static final String DATA_FILE_NAME = "refund-ledger.mv";

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;

    /**
     * Event loops serving the connections. A write is answered only once committed, and it waits for that on its
     * connection's event loop, so every connection bound to the same loop waits too: with netty's default of two loops
     * per core, a dashboard query waited seconds behind a processor's write whose commit waited for H2's compaction
     * (thread dumps at 100,000 applications). With a loop per connection, up to this many connections, a waiting write
     * holds up only its own connection. An idle loop is a parked thread and a selector.
     */
    static final int EVENT_LOOPS = 64;

    EmbeddedMongoServer(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.server.bind(new InetSocketAddress(host, port), 1, EVENT_LOOPS);
        this.address = server.getLocalAddress();
    }

    /**
     * How much of the file H2 keeps in memory, decoded, unless told otherwise. H2's own default (16 MB) holds the read
     * models of a few thousand applications: beyond that nearly every lookup read and deserialised pages from the file,
     * and a projection catching up on a million events slowed to a few hundred events/s.
     */
    public static final int DEFAULT_CACHE_MB = 256;

    /** A file-backed server whose acknowledged writes survive a {@code kill -9} of this process. */
    public static EmbeddedMongoServer startDurable(Path dataDirectory, String host, int port, boolean fsync) {
        return startDurable(dataDirectory, host, port, fsync, DEFAULT_CACHE_MB);
    }

    /**
     * The target fill rate of the file (percent of its space holding live data): below it, H2's background thread
     * rewrites the emptiest chunks. Every commit writes a new chunk and leaves older ones partly dead, so on a busy
     * file that thread never rests: at H2's default of 90 it took 28 % of all CPU time while the read side caught up on
     * 1.2 million events, and every processor caught up 1.5–2.4× faster at 50. The price is a file up to twice its
     * live data.
     */
    public static final int DEFAULT_COMPACT_FILL_RATE = 50;

    /** The same, with {@code cacheMb} of H2's page cache. */
    public static EmbeddedMongoServer startDurable(Path dataDirectory, String host, int port, boolean fsync, int cacheMb) {
        return startDurable(dataDirectory, host, port, fsync, cacheMb, DEFAULT_COMPACT_FILL_RATE);
    }

    /** The same, compacting the file in the background while less than {@code compactFillRate} % of it is live. */
    public static EmbeddedMongoServer startDurable(Path dataDirectory, String host, int port, boolean fsync, int cacheMb,
                                                   int compactFillRate) {
        Path file = dataFileIn(dataDirectory);
        MVStore store = openStore(file, cacheMb, compactFillRate);
        EmbeddedMongoServer started = new EmbeddedMongoServer(new DurableH2Backend(store, fsync), host, port);
        log.info("Embedded MongoDB serving {} at {} (fsync on commit: {}, page cache {} MB, compacted below {} % live)", file,
                started.connectionString(""), fsync, cacheMb, compactFillRate);
        return started;
    }

    private static MVStore openStore(Path file, int cacheMb, int compactFillRate) {
        return new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).autoCompactFillRate(compactFillRate).open();
    }

    /**
     * Durable and optimised as {@link #startDurable} with its defaults, but replacing documents by {@code _id} through
     * mongo-java-server's generic update, as before {@link FastReplaceH2Collection}. Kept for the benchmark.
     */
    public static EmbeddedMongoServer startDurableWithUpstreamReplaces(Path dataDirectory) {
        MVStore store = openStore(dataFileIn(dataDirectory), DEFAULT_CACHE_MB, DEFAULT_COMPACT_FILL_RATE);
        return new EmbeddedMongoServer(DurableH2Backend.withUpstreamReplaces(store), "127.0.0.1", 0);
    }

    /** A durable server on a store the caller opened and keeps (tests that reach into H2). */
    static EmbeddedMongoServer onStore(MVStore store) {
        return new EmbeddedMongoServer(new DurableH2Backend(store, false), "127.0.0.1", 0);
    }

    /**
     * Durable as {@link #startDurable}, but as it was before group commit and point lookups: every write commits alone
     * and a filter on an {@code _id} plus conditions scans the collection. Kept for the benchmark.
     */
    public static EmbeddedMongoServer startDurableUnoptimised(Path dataDirectory) {
        MVStore store = new MVStore.Builder().fileName(dataFileIn(dataDirectory).toString()).open();
        return new EmbeddedMongoServer(new DurableH2Backend(store, false, false), "127.0.0.1", 0);
    }

    /**
     * Durable and optimised as {@link #startDurable}, but with documents Java-serialised in the file as before
     * {@link DocumentValueType}. Kept for the benchmark.
     */
    public static EmbeddedMongoServer startDurableWithSerialisedDocuments(Path dataDirectory, int cacheMb) {
        MVStore store = new MVStore.Builder().fileName(dataFileIn(dataDirectory).toString()).cacheSize(cacheMb).open();
        return new EmbeddedMongoServer(DurableH2Backend.withSerialisedDocuments(store), "127.0.0.1", 0);
    }

    /**
     * mongo-java-server's own file backend, which commits in the background about once a second and so
     * can lose acknowledged writes. Kept only so benchmarks can show what durability costs.
     */
    public static EmbeddedMongoServer startUpstreamFileBackend(Path dataDirectory) {
        return new EmbeddedMongoServer(new H2Backend(dataFileIn(dataDirectory).toString()), "127.0.0.1", 0);
    }

    /** The data file in {@code dataDirectory}, which is created when missing. */
    private static Path dataFileIn(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataDirectory.resolve(DATA_FILE_NAME);
    }

    /** A throw-away server for tests. */
    public static EmbeddedMongoServer startInMemory() {
        return new EmbeddedMongoServer(DurableH2Backend.isolatedInMemory(), "127.0.0.1", 0);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
