package io.refundledger.query.testing;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    /** How many events the processor has handled since it last started: it goes on after these. */
    private int delivered;
    /** As a processor's work package sees it; null: the token counts as stored whenever a unit of work commits. */
    private final TokenStore tokens;
    /** The store underneath, which tells what was really stored. */
    private final InMemoryTokenStore storedTokens = new InMemoryTokenStore();

    public BatchedDelivery(Object projection, ReadModelBatchInterceptor interceptor, List<DomainEventMessage<?>> history) {
        this(projection, interceptor, history, null);
    }

    /**
     * Delivers as processor {@link #PROCESSOR}, segment 0, storing its tokens through {@code carried}'s token store, so
     * that batches may be carried from one unit of work to the next ({@link CarriedBatches}).
     */
    public BatchedDelivery(Object projection, ReadModelBatchInterceptor interceptor, List<DomainEventMessage<?>> history,
                           CarriedBatches carried) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
        this.interceptor = interceptor;
        if (carried == null) {
            this.tokens = null;
        } else {
            storedTokens.initializeTokenSegments(PROCESSOR, 1);
            this.tokens = carried.around(storedTokens);
            tokens.fetchToken(PROCESSOR, 0);
        }
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

    public static final String PROCESSOR = "delivered";

    public int stored() {
        return stored;
    }

    /** The position of the last event of the history. */
    public long lastPosition() {
        return events.get(events.size() - 1).trackingToken().position().orElseThrow();
    }

    /** As if the tokens after the first {@code events} events had been lost: those events come again. */
    public void rewindTo(int events) {
        if (tokens != null) {
            storedTokens.storeToken(events == 0 ? null : this.events.get(events - 1).trackingToken(), PROCESSOR, 0);
            tokens.releaseClaim(PROCESSOR, 0);
            tokens.fetchToken(PROCESSOR, 0);
        }
        stored = events;
        delivered = events;
    }

    /** The processor stops (releasing its claim) and starts again from the stored token. */
    public void restart() {
        tokens.releaseClaim(PROCESSOR, 0);
        tokens.fetchToken(PROCESSOR, 0);
        delivered = stored;
    }

    public int delivered() {
        return delivered;
    }

    /** The processor is idle: Axon extends its claim outside any unit of work. */
    public void idle() {
        tokens.extendClaim(PROCESSOR, 0);
        stored = storedCount();
    }

    /** How many events the token really stored covers. */
    private int storedCount() {
        TrackingToken token = storedTokens.fetchToken(PROCESSOR, 0);
        if (token == null) {
            return 0;
        }
        long position = token.position().orElseThrow();
        int count = 0;
        while (count < events.size() && events.get(count).trackingToken().position().orElseThrow() <= position) {
            count++;
        }
        return count;
    }

    /** Delivers everything after the stored token in batches of {@code size}; answers whether all batches committed. */
    public boolean deliverRest(int size, Predicate<TrackedEventMessage<?>> failOn) {
        while (delivered < events.size()) {
            if (!deliverBatch(size, failOn)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One batch after the last delivered event; the token moves only when the batch's unit of work commits (and, when
     * batches are carried, only when it writes). A failed batch stops the processor: it starts again from the stored token.
     */
    public boolean deliverBatch(int size, Predicate<TrackedEventMessage<?>> failOn) {
        List<TrackedEventMessage<?>> batch = events.subList(delivered, Math.min(events.size(), delivered + size));
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        int size0 = batch.size();
        if (tokens == null) {
            unitOfWork.onPrepareCommit(u -> stored += size0);
        } else {
            unitOfWork.resources().put("Processor[" + PROCESSOR + "]/SegmentId", 0);
            TrackingToken last = batch.get(batch.size() - 1).trackingToken();
            unitOfWork.onPrepareCommit(u -> tokens.storeToken(last, PROCESSOR, 0));
        }
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork,
                List.of(interceptor), message -> {
                    if (failOn.test((TrackedEventMessage<?>) message)) {
                        throw new IllegalStateException("injected failure at " + message.getPayloadType().getSimpleName());
                    }
                    return projection.handle(message);
                }).proceed());
        if (tokens != null) {
            stored = storedCount();
        }
        if (result.isExceptional()) {
            if (tokens != null) {
                restart();
            }
            delivered = stored;
            return false;
        }
        delivered += size0;
        return true;
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
        if (tokens != null) {
            tokens.releaseClaim(PROCESSOR, 0);
            storedTokens.storeToken(null, PROCESSOR, 0);
        }
        projection.prepareReset();
        stored = 0;
        delivered = 0;
        if (tokens != null) {
            tokens.fetchToken(PROCESSOR, 0);
        }
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

    /**
     * Runs another writer's work to its end, on a thread of its own: a unit of work belongs to its thread, and the
     * caller's (a flush interrupted by {@link #beforeEachBulkWrite}) is still open. Its failure fails the caller.
     */
    public static void onAnotherThread(Runnable work) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failed.get() != null) {
            throw new AssertionError("the other writer failed", failed.get());
        }
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
