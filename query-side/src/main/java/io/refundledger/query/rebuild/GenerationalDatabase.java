package io.refundledger.query.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The database as the stores see it: {@code getCollection(name)} of a read-model collection answers the collection of
 * the generation in force on this thread ({@link ReadModelGenerations#resolve}); every other call, and every other
 * collection, goes to the real database. So the stores keep using plain names and know nothing of generations.
 *
 * <p>Read-model collections also write with {@code j: false}: a write is answered once applied, not once in the journal.
 * A read model is durable up to its processor's token instead. The token is stored after the batch's writes, with the
 * default concern, and the journal (the embedded server's commit) keeps writes in order, so a token in the journal
 * means the writes before it are too; after a crash the processor redelivers from that token and the positions make
 * the repeated writes harmless. On the embedded server this saves a commit for every collection a batch writes.
 */
public final class GenerationalDatabase implements InvocationHandler {

    private final MongoDatabase database;
    private final Supplier<ReadModelGenerations> generations;

    private GenerationalDatabase(MongoDatabase database, Supplier<ReadModelGenerations> generations) {
        this.database = database;
        this.generations = generations;
    }

    public static MongoDatabase wrap(MongoDatabase database, Supplier<ReadModelGenerations> generations) {
        return (MongoDatabase) Proxy.newProxyInstance(GenerationalDatabase.class.getClassLoader(),
                new Class<?>[]{MongoDatabase.class}, new GenerationalDatabase(database, generations));
    }

    /** The database underneath, where every name is a physical one. */
    public static MongoDatabase raw(MongoDatabase database) {
        if (Proxy.isProxyClass(database.getClass()) && Proxy.getInvocationHandler(database) instanceof GenerationalDatabase g) {
            return g.database;
        }
        return database;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        boolean readModel = false;
        if (method.getName().equals("getCollection") && arguments != null && arguments[0] instanceof String name) {
            readModel = generations.get().owners().ownerOf(name).isPresent();
            Object[] resolved = arguments.clone();
            resolved[0] = generations.get().resolve(name);
            arguments = resolved;
        }
        Object result;
        try {
            result = method.invoke(database, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (readModel && result instanceof MongoCollection<?> collection) {
            return collection.withWriteConcern(collection.getWriteConcern().withJournal(false));
        }
        // withCodecRegistry, withWriteConcern, …: the derived database resolves names too.
        if (result instanceof MongoDatabase derived && result != database) {
            return wrap(derived, generations);
        }
        return result;
    }
}
