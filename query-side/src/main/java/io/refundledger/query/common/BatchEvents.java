package io.refundledger.query.common;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

import java.lang.reflect.Method;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The events of a batch as it starts, for a projection to read ahead what it will need ({@link ReadModelBatch#prefetch}).
 * Every document a batch does not find in memory costs a round trip of its own, which waits behind the other
 * processors' writes: while nine processors caught up at 100,000 applications, the slowest spent nearly all its time
 * in such single lookups.
 */
public record BatchEvents(List<EventMessage<?>> messages) {

    public BatchEvents {
        messages = List.copyOf(messages);
    }

    /** The aggregates of the batch's domain events, in order of first appearance. */
    public Set<String> aggregateIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        return ids;
    }

    /**
     * Only the events that one of the projection's {@code @EventHandler} methods takes, which are all a processor hands
     * it: a projection folding the batch ahead must not fold an event it never sees.
     */
    public BatchEvents handledBy(Class<?> projection) {
        Set<Class<?>> handled = HANDLED.get(projection);
        return new BatchEvents(messages.stream()
                .filter(m -> handled.stream().anyMatch(type -> type.isInstance(m.getPayload()))).toList());
    }

    private static final ClassValue<Set<Class<?>>> HANDLED = new ClassValue<>() {
        @Override
        protected Set<Class<?>> computeValue(Class<?> projection) {
            Set<Class<?>> types = new LinkedHashSet<>();
            for (Class<?> c = projection; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0) {
                        types.add(method.getParameterTypes()[0]);
                    }
                }
            }
            return Set.copyOf(types);
        }
    };

    /** The ids that the payloads of this type name, in order; a payload naming none ({@code null}) adds none. */
    public <T> Set<String> idsOf(Class<T> payloadType, Function<? super T, String> id) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventMessage<?> message : messages) {
            if (payloadType.isInstance(message.getPayload())) {
                ids.add(id.apply(payloadType.cast(message.getPayload())));
            }
        }
        ids.remove(null);
        return ids;
    }
}
