package io.refundledger.query.common;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives each batch a processor handles a {@link ReadModelBatch} and writes it after the batch's last event, inside
 * the unit of work and so before the processor stores its token (Axon stores the token when the unit of work commits).
 * A failing event, or a failing flush, rolls the whole unit of work back: nothing of the batch counts as done, and the
 * processor delivers it again.
 */
public final class ReadModelBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final List<String> flushOrder;
    private final Consumer<BatchEvents> readAhead;
    /** Null: every batch is written at the end of its unit of work. */
    private final CarriedBatches carried;

    /** @param flushOrder the projection's collections and participant keys, in the order they must be written */
    public ReadModelBatchInterceptor(List<String> flushOrder) {
        this(flushOrder, events -> {
        });
    }

    /**
     * @param readAhead given the batch's events as it starts, reads what the batch will need into it
     *                  ({@link ReadModelBatch#prefetch}): by aggregate id, and by the ids the payloads name (an order, a
     *                  payout, the cells an application moves between), a few lookups by many ids instead of one each
     */
    public ReadModelBatchInterceptor(List<String> flushOrder, Consumer<BatchEvents> readAhead) {
        this(flushOrder, readAhead, null);
    }

    /** The same, carrying batches from one unit of work to the next while far behind the head ({@link CarriedBatches}). */
    public ReadModelBatchInterceptor(List<String> flushOrder, Consumer<BatchEvents> readAhead, CarriedBatches carried) {
        this.flushOrder = List.copyOf(flushOrder);
        this.readAhead = readAhead;
        this.carried = carried;
    }

    /** Registers the interceptor on the processor of {@code processingGroup}. */
    public static ConfigurerModule forProcessingGroup(String processingGroup, List<String> flushOrder) {
        return forProcessingGroup(processingGroup, flushOrder, events -> {
        });
    }

    /** The same, reading ahead as each batch starts. */
    public static ConfigurerModule forProcessingGroup(String processingGroup, List<String> flushOrder,
                                                      Consumer<BatchEvents> readAhead) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(processingGroup,
                c -> new ReadModelBatchInterceptor(flushOrder, readAhead, c.getComponent(CarriedBatches.class)));
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        boolean first = true;
        boolean last = true;
        BatchingUnitOfWork<?> batching = unitOfWork instanceof BatchingUnitOfWork<?> b ? b : null;
        if (batching != null) {
            first = batching.isFirstMessage();
            last = batching.isLastMessage();
        }
        CarriedBatches.Owner owner = first || last ? carrier(unitOfWork) : null;
        if (first && owner != null) {
            carried.resume(owner, position(unitOfWork.getMessage())).ifPresent(ReadModelBatch::adopt);
            // Whatever fails from here on (handling, the flush, storing the token) leaves nothing carried behind.
            unitOfWork.onRollback(u -> carried.discard(owner));
        }
        ReadModelBatch batch = ReadModelBatch.open(flushOrder);
        if (first && batching != null && batching.getMessages().size() > 1) {
            List<EventMessage<?>> events = new ArrayList<>(batching.getMessages().size());
            batching.getMessages().forEach(m -> events.add((EventMessage<?>) m));
            readAhead.accept(new BatchEvents(events));
        }
        Object result;
        try {
            result = interceptorChain.proceed();
        } catch (Exception | Error e) {
            ReadModelBatch.close();
            throw e;
        }
        if (last) {
            try {
                int events = batching == null ? 1 : batching.getMessages().size();
                long firstPosition = batching == null ? position(unitOfWork.getMessage())
                        : position((EventMessage<?>) batching.getMessages().get(0));
                if (owner == null || !carried.carry(owner, batch, events, firstPosition, position(unitOfWork.getMessage()))) {
                    batch.flush();
                }
            } finally {
                ReadModelBatch.close();
            }
        }
        return result;
    }

    /** Whose batch this unit of work handles, when batches may be carried (a tracked event in a processor's unit of work). */
    private CarriedBatches.Owner carrier(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        if (carried == null || !(unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked)
                || tracked.trackingToken() == null || tracked.trackingToken().position().isEmpty()) {
            return null;
        }
        return CarriedBatches.Owner.of(unitOfWork.resources()).orElse(null);
    }

    private static long position(EventMessage<?> message) {
        return ((TrackedEventMessage<?>) message).trackingToken().position().orElseThrow();
    }
}
