package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * mongo-java-server's H2 backend made safe to build on, in two ways.
 *
 * <p><b>Durability.</b> Upstream commits the MVStore in the background about once a second, so a
 * {@code kill -9} loses writes the client already saw acknowledged. Here the store is committed before any
 * command that may have written is answered, so an acknowledged write is in the file (the OS page cache)
 * and survives the death of this process. Surviving a power loss additionally needs {@code fsync}, which
 * {@link #syncOnCommit} switches on.
 *
 * <p><b>Isolation.</b> The backend applies one write as several map updates (document, then each index)
 * and answers with its live stored documents, which a concurrent write may change before the answer is
 * encoded (seen as duplicate values from {@code findOneAndUpdate} with {@code $inc}). So writes are
 * exclusive, reads share, and every answer is deep-copied before the lock is released. A commit can then
 * never persist half of another write either.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that never change data; everything else is treated as a write. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "getmore", "count", "aggregate", "distinct", "listcollections", "listindexes",
            "listdatabases", "hello", "ismaster", "ping", "buildinfo", "getlasterror", "serverstatus",
            "killcursors", "endsessions", "getparameter", "dbstats", "collstats", "connectionstatus",
            "whatsmyuri", "getlog", "hostinfo", "getcmdlineopts", "saslstart", "saslcontinue");

    private final MVStore store;
    private final boolean syncOnCommit;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    DurableH2Backend(MVStore store, boolean syncOnCommit) {
        super(store);
        this.store = store;
        this.syncOnCommit = syncOnCommit;
    }

    /** An in-memory store with the same isolation, for tests. */
    static DurableH2Backend isolatedInMemory() {
        return new DurableH2Backend(new MVStore.Builder().open(), false);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        String name = command == null || command.isEmpty() ? "" : command.keySet().iterator().next();
        return guarded(name, () -> super.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return guarded(command, () -> super.handleCommand(channel, database, command, query));
    }

    private Document guarded(String commandName, Supplier<Document> handler) {
        boolean write = !READ_ONLY_COMMANDS.contains(commandName.toLowerCase());
        Lock held = write ? lock.writeLock() : lock.readLock();
        held.lock();
        try {
            Document response = handler.get();
            if (write) {
                commitDurably();
            }
            return response == null ? null : response.cloneDeeply();
        } finally {
            held.unlock();
        }
    }

    private void commitDurably() {
        if (store.getFileStore() != null && store.hasUnsavedChanges()) {
            store.commit();
            if (syncOnCommit) {
                store.sync();
            }
        }
    }
}
