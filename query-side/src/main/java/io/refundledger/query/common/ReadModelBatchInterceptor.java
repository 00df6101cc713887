package io.refundledger.query.common;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gives each batch a processor handles a {@link ReadModelBatch} and writes it after the batch's last event, inside
 * the unit of work and so before the processor stores its token (Axon stores the token when the unit of work commits).
 * A failing event, or a failing flush, rolls the whole unit of work back: nothing of the batch counts as done, and the
 * processor delivers it again.
 */
public final class ReadModelBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final List<String> flushOrder;
    private final Consumer<Set<String>> prefetch;

    /** @param flushOrder the projection's collections and participant keys, in the order they must be written */
    public ReadModelBatchInterceptor(List<String> flushOrder) {
        this(flushOrder, aggregateIds -> {
        });
    }

    /**
     * @param prefetch given the aggregate ids of a batch's events as it starts, reads what the batch will need into it
     *                 ({@link ReadModelBatch#prefetch}): a few lookups by many ids instead of one per event
     */
    public ReadModelBatchInterceptor(List<String> flushOrder, Consumer<Set<String>> prefetch) {
        this.flushOrder = List.copyOf(flushOrder);
        this.prefetch = prefetch;
    }

    /** Registers the interceptor on the processor of {@code processingGroup}. */
    public static ConfigurerModule forProcessingGroup(String processingGroup, List<String> flushOrder) {
        return forProcessingGroup(processingGroup, flushOrder, aggregateIds -> {
        });
    }

    /** The same, reading ahead by aggregate id as each batch starts. */
    public static ConfigurerModule forProcessingGroup(String processingGroup, List<String> flushOrder,
                                                      Consumer<Set<String>> prefetch) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(processingGroup,
                c -> new ReadModelBatchInterceptor(flushOrder, prefetch));
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        ReadModelBatch batch = ReadModelBatch.open(flushOrder);
        boolean last = true;
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            last = batching.isLastMessage();
            if (batching.isFirstMessage() && batching.getMessages().size() > 1) {
                Set<String> aggregateIds = new LinkedHashSet<>();
                batching.getMessages().forEach(m -> {
                    if (m instanceof DomainEventMessage<?> event) {
                        aggregateIds.add(event.getAggregateIdentifier());
                    }
                });
                prefetch.accept(aggregateIds);
            }
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
                batch.flush();
            } finally {
                ReadModelBatch.close();
            }
        }
        return result;
    }
}
