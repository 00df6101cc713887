package io.refundledger.query.rebuild;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.IntSupplier;

/**
 * Pins the generation a processor writes while it handles an event, and so while its batch is read ahead and flushed
 * (both happen inside the handling of the batch's first and last event). Registered outermost on every read-model
 * processor; a rebuild processor puts its own pin outside it, which this one then leaves alone.
 */
public final class GenerationPinningInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final ReadModelGenerations generations;
    private final String owner;
    private final IntSupplier generation;
    private final boolean overrides;

    private GenerationPinningInterceptor(ReadModelGenerations generations, String owner, IntSupplier generation,
                                         boolean overrides) {
        this.generations = generations;
        this.owner = owner;
        this.generation = generation;
        this.overrides = overrides;
    }

    /** For the live processor: the generation it is processing, unless a pin is in force already. */
    public static GenerationPinningInterceptor live(ReadModelGenerations generations, String owner) {
        return new GenerationPinningInterceptor(generations, owner, () -> generations.processing(owner), false);
    }

    /** For a rebuild processor: always the generation it fills. */
    public static GenerationPinningInterceptor rebuilding(ReadModelGenerations generations, String owner, int generation) {
        return new GenerationPinningInterceptor(generations, owner, () -> generation, true);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        if (!overrides && generations.isPinned(owner)) {
            return interceptorChain.proceed();
        }
        try (ReadModelGenerations.Pin ignored = generations.pin(owner, generation.getAsInt())) {
            return interceptorChain.proceed();
        }
    }
}
