package io.refundledger.query.analytics;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds refund and subscription events at increasing global positions to a projection through Axon's own handler
 * adapter (so token and metadata parameters resolve as in the running processor), and remembers them to deliver
 * again or to replay after a reset.
 */
public final class AnalyticsFeed {

    private final AnnotationEventHandlerAdapter projection;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Delivered> delivered = new ArrayList<>();
    private long position;

    public record Delivered(long position, Object payload, Map<String, ?> metaData) {
    }

    public AnalyticsFeed(Object projection) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
    }

    /** Delivers at the next global position and returns it. */
    public long deliver(Object payload) {
        return deliver(payload, Map.of());
    }

    public long deliver(Object payload, Map<String, ?> metaData) {
        position += 1 + position % 3; // positions have gaps, as in a real store
        // Recorded first: an event whose handling failed is delivered again, as a processor retries its batch.
        delivered.add(new Delivered(position, payload, metaData));
        deliverAt(position, payload, metaData);
        return position;
    }

    /** Everything again with the same positions, as a processor does after a crash. */
    public void redeliverAll() {
        for (Delivered d : List.copyOf(delivered)) {
            deliverAt(d.position(), d.payload(), d.metaData());
        }
    }

    /** A processor reset: the reset handler, then every event again from the start. */
    public void resetAndReplay() {
        projection.prepareReset();
        redeliverAll();
    }

    private void deliverAt(long at, Object payload, Map<String, ?> metaData) {
        String aggregateId = aggregateIdOf(payload);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        var event = new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload, metaData);
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(at), event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }

    private static String aggregateIdOf(Object payload) {
        for (String accessor : List.of("applicationId", "subscriptionId")) {
            try {
                return (String) payload.getClass().getMethod(accessor).invoke(payload);
            } catch (NoSuchMethodException e) {
                // try the next one
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(payload.toString(), e);
            }
        }
        throw new IllegalArgumentException("neither a refund nor a subscription event: " + payload);
    }
}
