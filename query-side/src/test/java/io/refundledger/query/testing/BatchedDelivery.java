package io.refundledger.query.testing;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Delivers events to a projection the way a pooled streaming processor does: in batches, each in one
 * {@link BatchingUnitOfWork} with the projection's {@link ReadModelBatchInterceptor}, the token counting as stored only
 * when the unit of work committed. Failures can be injected into handling and into the flush, to show that what a
 * crashed batch leaves behind is repaired by delivering it again.
 */
public final class BatchedDelivery {

    private final AnnotationEventHandlerAdapter projection;
    private final ReadModelBatchInterceptor interceptor;
    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    /** How many events count as done (the stored token). */
    private int stored;

    public BatchedDelivery(Object projection, ReadModelBatchInterceptor interceptor, List<DomainEventMessage<?>> history) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
        this.interceptor = interceptor;
        long position = 0;
        for (DomainEventMessage<?> event : history) {
            position += 1 + position % 3; // gaps, as in a real store
            events.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), event));
        }
    }

    /** The history as tracked messages, for feeding a reference model one by one. */
    public List<TrackedEventMessage<?>> events() {
        return events;
    }

    public int stored() {
        return stored;
    }

    /** As if the tokens after the first {@code events} events had been lost: those events come again. */
    public void rewindTo(int events) {
        stored = events;
    }

    /** Delivers everything after the stored token in batches of {@code size}; answers whether all batches committed. */
    public boolean deliverRest(int size, Predicate<TrackedEventMessage<?>> failOn) {
        while (stored < events.size()) {
            if (!deliverBatch(size, failOn)) {
                return false;
            }
        }
        return true;
    }

    /** One batch after the stored token; the token moves only when the batch's unit of work commits. */
    public boolean deliverBatch(int size, Predicate<TrackedEventMessage<?>> failOn) {
        List<TrackedEventMessage<?>> batch = events.subList(stored, Math.min(events.size(), stored + size));
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        int size0 = batch.size();
        unitOfWork.onPrepareCommit(u -> stored += size0);
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork,
                List.of(interceptor), message -> {
                    if (failOn.test((TrackedEventMessage<?>) message)) {
                        throw new IllegalStateException("injected failure at " + message.getPayloadType().getSimpleName());
                    }
                    return projection.handle(message);
                }).proceed());
        return !result.isExceptional();
    }

    /** Every event one by one through the handlers, outside any batch (the write-through reference). */
    public void deliverOneByOne() {
        for (TrackedEventMessage<?> event : events) {
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new AssertionError("handler failed for " + event.getPayload(), e);
            }
        }
    }

    /** The reset handler, as a processor reset runs it; the token goes back to the start. */
    public void reset() {
        projection.prepareReset();
        stored = 0;
    }

    /**
     * {@code database} whose collections count their {@code bulkWrite}s down from {@code countdown} (across all
     * collections) and fail the one that reaches zero, before it writes anything; 0 means never.
     */
    public static MongoDatabase failingBulkWrite(MongoDatabase database, AtomicInteger countdown) {
        return beforeEachBulkWrite(database, collection -> {
            if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
                throw new IllegalStateException("injected crash in the flush, before " + collection);
            }
        });
    }

    /**
     * {@code database} whose collections run {@code hook} with their name before each {@code bulkWrite}: what another
     * writer does between a flush's reads and its writes, or a crash there (the hook throws).
     */
    public static MongoDatabase beforeEachBulkWrite(MongoDatabase database, Consumer<String> hook) {
        return beforeEachCall(database, (collection, method, args) -> {
            if (method.getName().equals("bulkWrite")) {
                hook.accept(collection);
            }
        });
    }

    /** {@code database} whose collections run {@code hook} with their name and the filter of each {@code find}. */
    public static MongoDatabase onEachFind(MongoDatabase database, BiConsumer<String, BsonDocument> hook) {
        return beforeEachCall(database, (collection, method, args) -> {
            if (method.getName().equals("find") && args != null && args.length > 0 && args[0] instanceof Bson filter) {
                hook.accept(collection, filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()));
            }
        });
    }

    /** A call on a collection, seen before it runs. */
    private interface CollectionCall {
        void before(String collection, java.lang.reflect.Method method, Object[] args);
    }

    private static MongoDatabase beforeEachCall(MongoDatabase database, CollectionCall hook) {
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class},
                (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (result instanceof MongoCollection<?> collection && method.getName().equals("getCollection")) {
                        return Proxy.newProxyInstance(MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                                (p, m, a) -> {
                                    hook.before(collection.getNamespace().getCollectionName(), m, a);
                                    return invoke(collection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Fails exactly once, on the event at this index of the history. */
    public Predicate<TrackedEventMessage<?>> once(int index) {
        TrackedEventMessage<?> target = events.get(index);
        AtomicInteger left = new AtomicInteger(1);
        return message -> message == target && left.getAndDecrement() > 0;
    }

    public static Predicate<TrackedEventMessage<?>> never() {
        return message -> false;
    }
}
