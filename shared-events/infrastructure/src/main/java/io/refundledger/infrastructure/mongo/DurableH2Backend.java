package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * mongo-java-server's H2 backend made safe to build on, in two ways.
 *
 * <p><b>Durability.</b> Upstream commits the MVStore in the background about once a second, so a
 * {@code kill -9} loses writes the client already saw acknowledged. Here a command that may have written is
 * answered only once a commit that includes it has finished, so an acknowledged write is in the file (the OS
 * page cache) and survives the death of this process. Surviving a power loss additionally needs {@code fsync},
 * which {@link #syncOnCommit} switches on.
 *
 * <p><b>Point lookups.</b> A filter on one {@code _id} plus conditions is run as an {@code _id} lookup
 * ({@link PointLookups}); upstream scans the collection for it.
 *
 * <p><b>Replacements.</b> A single-document replacement by {@code _id} (the read models' position-guarded writes) is
 * applied by the collection itself ({@link FastReplaceH2Collection}) instead of upstream's generic update.
 *
 * <p><b>Index keys.</b> Unique indexes compare their keys through {@link IndexKeyType}, which keeps H2's order
 * and file format but serialises each key once instead of at every comparison.
 *
 * <p><b>Documents.</b> Collections store their documents as BSON ({@link DocumentValueType}) instead of by Java
 * serialization; documents written before are read as they are.
 *
 * <p><b>Group commit.</b> A commit writes a whole chunk, which costs far more than applying a write, so writers
 * that finish while a commit is running do not each commit: the next commit covers all of them (one of them
 * runs it, the others wait for it). A lone writer still commits once per write; concurrent writers (the
 * projections, the command side) share commits. A write whose write concern says {@code j: false} does not wait
 * ({@link #waitsForJournal}).
 *
 * <p><b>Isolation.</b> The backend applies one write as several map updates (document, then each index)
 * and answers with its live stored documents, which a concurrent write may change before the answer is
 * encoded (seen as duplicate values from {@code findOneAndUpdate} with {@code $inc}). So writes are
 * exclusive, reads share, and every answer is deep-copied before the lock is released, except a query's where
 * the collections keep BSON and decode a document for each read (writes never change what readers got). A commit can
 * then never persist half of another write either.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that never change data; everything else is treated as a write. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "getmore", "count", "aggregate", "distinct", "listcollections", "listindexes",
            "listdatabases", "hello", "ismaster", "ping", "buildinfo", "getlasterror", "serverstatus",
            "killcursors", "endsessions", "getparameter", "dbstats", "collstats", "connectionstatus",
            "whatsmyuri", "getlog", "hostinfo", "getcmdlineopts", "saslstart", "saslcontinue");

    /**
     * Reads whose answers hold only documents decoded from their BSON for the reader, or decoded lately and shared by
     * readers, which nothing changes (writes decode their own, {@link FastReplaceH2Collection}): they need no copy. The
     * copy was a twentieth of the server's CPU in a catch-up, for answers of hundreds of documents.
     */
    private static final Set<String> ANSWERED_UNCOPIED = Set.of("find", "getmore");

    private static final long STORE_LOCK_POLL_NANOS = 200_000;

    private final MVStore store;
    /** H2's own lock around a store operation (a commit, a compaction step); see {@link #awaitStoreLock}. */
    private final ReentrantLock storeLock;
    private final boolean syncOnCommit;
    private final boolean groupCommit;
    private final boolean narrowPointLookups;
    /** Whether every collection keeps its documents as BSON and decodes them for its readers (see ANSWERED_UNCOPIED). */
    private final boolean answersUncopied;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final PointLookups pointLookups = new PointLookups();
    /** How databases are opened; null only while H2Backend's constructor runs (see {@link #OPENING}). */
    private final Types types;
    /** Guards the three fields below; waiting writers wait on it. */
    private final Object commits = new Object();
    /** Writes applied so far (a write's number is its place in this count). */
    private long applied;
    /** Every write up to this number is committed. */
    private long committed;
    private boolean committing;

    DurableH2Backend(MVStore store, boolean syncOnCommit) {
        this(store, syncOnCommit, true, true, true, true);
    }

    /**
     * {@code optimised} false: every write commits on its own inside the write lock, filters on an {@code _id} plus
     * conditions scan, index keys compare by serialising, and replacements take upstream's update, as before group
     * commit, point lookups, {@link IndexKeyType} and {@link FastReplaceH2Collection} (kept for the benchmark).
     */
    DurableH2Backend(MVStore store, boolean syncOnCommit, boolean optimised) {
        this(store, syncOnCommit, optimised, optimised, optimised, optimised);
    }

    private DurableH2Backend(MVStore store, boolean syncOnCommit, boolean groupCommit, boolean narrowPointLookups,
                             boolean bsonDocuments, boolean fastReplaces) {
        // Documents stay BSON in memory where the collection decodes them as it reads them: ours, not upstream's.
        super(opening(store, new Types(groupCommit, new IndexKeyType(),
                bsonDocuments ? new DocumentValueType(fastReplaces) : null, fastReplaces)));
        this.types = OPENING.get();
        OPENING.remove();
        this.store = store;
        this.storeLock = storeLockOf(store);
        this.syncOnCommit = syncOnCommit;
        this.groupCommit = groupCommit;
        this.narrowPointLookups = narrowPointLookups;
        this.answersUncopied = bsonDocuments && fastReplaces;
    }

    /**
     * The key and value types of the databases' maps: {@code typed} false for upstream's; a null document type for
     * Java-serialised documents. {@code fastReplaces}: whether typed collections replace by {@code _id} directly.
     */
    private record Types(boolean typed, IndexKeyType indexKeys, DocumentValueType documents, boolean fastReplaces) {
    }

    /**
     * H2Backend's constructor opens the databases already in the file, through {@link #openOrCreateDatabase}, before
     * this class's fields are set; they find their types here meanwhile (they once got upstream's plain ones, so a
     * restarted server compared index keys by serialising them).
     */
    private static final ThreadLocal<Types> OPENING = new ThreadLocal<>();

    private static MVStore opening(MVStore store, Types types) {
        OPENING.set(types);
        return store;
    }

    /** Optimised in every way but one: documents are Java-serialised, as before {@link DocumentValueType} (kept for the benchmark). */
    static DurableH2Backend withSerialisedDocuments(MVStore store) {
        return new DurableH2Backend(store, false, true, true, false, true);
    }

    /**
     * Optimised in every way but one: replacements by {@code _id} take upstream's generic update, as before
     * {@link FastReplaceH2Collection} (kept for the benchmark and for tests that compare the two).
     */
    static DurableH2Backend withUpstreamReplaces(MVStore store) {
        return new DurableH2Backend(store, false, true, true, true, false);
    }

    /** An in-memory store with the same isolation, for tests. */
    static DurableH2Backend isolatedInMemory() {
        return new DurableH2Backend(new MVStore.Builder().open(), false);
    }

    /**
     * Documents stored as BSON ({@link DocumentValueType}) and unique indexes with fast key comparisons
     * ({@link IndexKeyType}), unless kept as before for the benchmark.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        Types opened = types != null ? types : OPENING.get();
        return opened.typed() ? FastIndexH2Database.open(databaseName, getMvStore(), getCursorRegistry(), opened.indexKeys(),
                opened.documents(), opened.fastReplaces()) : super.openOrCreateDatabase(databaseName);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        String name = command == null || command.isEmpty() ? "" : command.keySet().iterator().next();
        if (narrowPointLookups) {
            warmPages(message.getDatabaseName(), name, command);
        }
        return guarded(name, waitsForJournal(command), () -> super.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return guarded(command, waitsForJournal(query),
                () -> super.handleCommand(channel, database, command, narrowed(database, command, query)));
    }

    /**
     * Whether a write is answered only once it is committed: unless its write concern says {@code j: false}, as
     * MongoDB's does. Such a write is in the file with the next commit, which a later write that waits runs (commits
     * take every write applied before them, in order), or H2's background commit within a second.
     */
    static boolean waitsForJournal(Document command) {
        return command == null || !(command.get("writeConcern") instanceof Document concern)
                || !Boolean.FALSE.equals(concern.get("j"));
    }

    /** Runs under the lock: a filter on one {@code _id} plus conditions becomes an {@code _id} lookup. */
    private Document narrowed(String database, String command, Document query) {
        if (!narrowPointLookups) {
            return query;
        }
        // Only the commands it narrows resolve their database, as running them would anyway.
        return PointLookups.NARROWED_COMMANDS.contains(command.toLowerCase(Locale.ROOT)) && !"admin".equals(database)
                ? pointLookups.narrow(resolveDatabase(database), command, query) : query;
    }

    /**
     * Reads, under the shared lock, the pages a write by {@code _id} will touch, so that the write then holds the
     * exclusive lock only to change them. Thread dumps of a catch-up at 100,000 applications showed the writer reading
     * pages from the file (and decoding them) inside the exclusive lock, a dozen workers queued behind it and a fifth
     * of the CPU idle. Pages read here may be evicted again before the write; that only costs the read again.
     */
    private void warmPages(String databaseName, String commandName, Document command) {
        List<Document> filters = PointLookups.writeFilters(commandName, command);
        if (filters.isEmpty() || databaseName == null || "admin".equals(databaseName)) {
            return;
        }
        lock.readLock().lock();
        try {
            if (resolveDatabase(databaseName).resolveCollection((String) command.get(commandName), false)
                    instanceof FastReplaceH2Collection collection) {
                filters.forEach(collection::warm);
            }
        } catch (RuntimeException e) {
            // Only a head start: the write itself reads again and reports whatever is wrong.
        } finally {
            lock.readLock().unlock();
        }
    }

    private Document guarded(String commandName, boolean waitsForJournal, Supplier<Document> handler) {
        if (lock.isWriteLockedByCurrentThread() || lock.getReadHoldCount() > 0) {
            // handleMessage calls handleCommand: the outer call locks, copies and waits for the commit.
            return handler.get();
        }
        boolean write = !READ_ONLY_COMMANDS.contains(commandName.toLowerCase());
        Lock held = write ? lock.writeLock() : lock.readLock();
        Document response;
        long number = 0;
        held.lock();
        try {
            response = handler.get();
            if (response != null && !(answersUncopied && ANSWERED_UNCOPIED.contains(commandName.toLowerCase(Locale.ROOT)))) {
                response = response.cloneDeeply();
            }
            if (write && groupCommit) {
                synchronized (commits) {
                    number = ++applied;
                }
            } else if (write) {
                commitDurably();
            }
        } finally {
            held.unlock();
        }
        if (write && groupCommit && waitsForJournal) {
            awaitCommitted(number);
        }
        return response;
    }

    /**
     * H2's store lock (MVStore.storeLock, H2 2.3): a commit is started only when it is free, so a commit never waits for
     * a compaction step while holding this backend's read lock. A commit takes the lock again, reentrantly.
     */
    private static ReentrantLock storeLockOf(MVStore store) {
        try {
            Field field = MVStore.class.getDeclaredField("storeLock");
            field.setAccessible(true);
            return (ReentrantLock) field.get(store);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("H2's MVStore has no storeLock field: check the H2 version this backend "
                    + "was built for", e);
        }
    }

    /** Returns once write {@code number} is committed: by a commit someone else runs, or by one run here. */
    private void awaitCommitted(long number) {
        synchronized (commits) {
            while (committed < number && committing) {
                try {
                    commits.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a commit", e);
                }
            }
            if (committed >= number) {
                return;
            }
            committing = true;
        }
        long upTo = 0;
        boolean done = false;
        try {
            while (!done) {
                // No write is half applied while the read lock is held, so the commit holds whole writes only.
                lock.readLock().lock();
                try {
                    if (storeLock.tryLock()) {
                        try {
                            synchronized (commits) {
                                upTo = applied;
                            }
                            commitDurably();
                            done = true;
                        } finally {
                            storeLock.unlock();
                        }
                    }
                } finally {
                    lock.readLock().unlock();
                }
                if (!done) {
                    awaitStoreLock();
                }
            }
        } finally {
            synchronized (commits) {
                committing = false;
                if (done) {
                    committed = Math.max(committed, upTo);
                }
                commits.notifyAll();
            }
        }
    }

    /**
     * Waits, holding none of this backend's locks, until H2's store lock looks free. H2's background compaction holds
     * that lock while it rewrites chunks, reading their pages from the file, for seconds on a large file. A commit that
     * waited for it inside the read lock held up every writer, and every reader queued behind a waiting writer: at
     * 30,000 applications dashboard queries took 0.7–3.2 s at p99 while the processors were idle.
     */
    private void awaitStoreLock() {
        while (storeLock.isLocked()) {
            LockSupport.parkNanos(STORE_LOCK_POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for H2's store lock");
            }
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
