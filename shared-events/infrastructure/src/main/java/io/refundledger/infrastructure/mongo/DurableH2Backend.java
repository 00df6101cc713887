package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * mongo-java-server's H2 backend commits its MVStore in the background about once a second, so a
 * {@code kill -9} loses writes the client already saw acknowledged. This backend commits the store before
 * it answers any command that may have written, so an acknowledged write is in the file (the OS page
 * cache) and survives the death of this process. Surviving a power loss additionally needs
 * {@code fsync}, which {@link #syncOnCommit} switches on.
 *
 * <p>Writes are serialised: the backend applies one write as several map updates (document, then each
 * index), and a commit triggered by a concurrent writer must never persist half of another write.
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
    private final ReentrantLock writeLock = new ReentrantLock();

    DurableH2Backend(MVStore store, boolean syncOnCommit) {
        super(store);
        this.store = store;
        this.syncOnCommit = syncOnCommit;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (isReadOnly(message.getDocument())) {
            return super.handleMessage(message);
        }
        writeLock.lock();
        try {
            Document response = super.handleMessage(message);
            commitDurably();
            return response;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (READ_ONLY_COMMANDS.contains(command.toLowerCase())) {
            return super.handleCommand(channel, database, command, query);
        }
        writeLock.lock();
        try {
            Document response = super.handleCommand(channel, database, command, query);
            commitDurably();
            return response;
        } finally {
            writeLock.unlock();
        }
    }

    private static boolean isReadOnly(Document command) {
        if (command == null || command.isEmpty()) {
            return true;
        }
        String name = command.keySet().iterator().next();
        return READ_ONLY_COMMANDS.contains(name.toLowerCase());
    }

    private void commitDurably() {
        if (store.hasUnsavedChanges()) {
            store.commit();
            if (syncOnCommit) {
                store.sync();
            }
        }
    }
}
