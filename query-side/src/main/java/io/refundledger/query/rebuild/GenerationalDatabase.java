package io.refundledger.query.rebuild;

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
        if (method.getName().equals("getCollection") && arguments != null && arguments[0] instanceof String name) {
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
        // withCodecRegistry, withWriteConcern, …: the derived database resolves names too.
        if (result instanceof MongoDatabase derived && result != database) {
            return wrap(derived, generations);
        }
        return result;
    }
}
