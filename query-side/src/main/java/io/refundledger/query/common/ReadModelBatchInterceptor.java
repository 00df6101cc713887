package io.refundledger.query.common;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;

/**
 * Gives each batch a processor handles a {@link ReadModelBatch} and writes it after the batch's last event, inside
 * the unit of work and so before the processor stores its token (Axon stores the token when the unit of work commits).
 * A failing event, or a failing flush, rolls the whole unit of work back: nothing of the batch counts as done, and the
 * processor delivers it again.
 */
public final class ReadModelBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final List<String> flushOrder;

    /** @param flushOrder the projection's collections and participant keys, in the order they must be written */
    public ReadModelBatchInterceptor(List<String> flushOrder) {
        this.flushOrder = List.copyOf(flushOrder);
    }

    /** Registers the interceptor on the processor of {@code processingGroup}. */
    public static ConfigurerModule forProcessingGroup(String processingGroup, List<String> flushOrder) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(processingGroup,
                c -> new ReadModelBatchInterceptor(flushOrder));
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        ReadModelBatch batch = ReadModelBatch.open(flushOrder);
        boolean last = !(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage();
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
