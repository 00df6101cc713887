package io.refundledger.query.subscription;

import io.refundledger.query.refund.RefundEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds tracked subscription and refund events at consecutive global positions through Axon's own handler adapter,
 * so the token and metadata parameters are resolved as in the running processor, and can deliver them all again
 * (a redelivery after a crash) or reset and replay them (a processor reset).
 */
final class SubscriptionFeed {

    private final AnnotationEventHandlerAdapter projection;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Delivered> delivered = new ArrayList<>();
    private long position;

    record Delivered(long position, Object payload, Map<String, ?> metaData) {
    }

    SubscriptionFeed(Object projection, long firstPosition) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
        this.position = firstPosition - 1;
    }

    /** Delivers at the next global position and returns it. */
    long deliver(Object payload, Map<String, ?> metaData) {
        position++;
        deliver(new GlobalSequenceTrackingToken(position), payload, metaData);
        delivered.add(new Delivered(position, payload, metaData));
        return position;
    }

    void redeliverAll() {
        for (Delivered d : List.copyOf(delivered)) {
            deliver(new GlobalSequenceTrackingToken(d.position()), d.payload(), d.metaData());
        }
    }

    /** A reset and the replay after it: the reset handler, then everything again wrapped in replay tokens. */
    void resetAndReplay() {
        projection.prepareReset();
        nextSequence.clear();
        for (Delivered d : List.copyOf(delivered)) {
            TrackingToken replay = new ReplayToken(new GlobalSequenceTrackingToken(position),
                    new GlobalSequenceTrackingToken(d.position()));
            deliver(replay, d.payload(), d.metaData());
        }
    }

    private void deliver(TrackingToken token, Object payload, Map<String, ?> metaData) {
        String aggregateId = aggregateIdOf(payload);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        String type = hasComponent(payload, "subscriptionId") && !hasComponent(payload, "applicationId")
                ? SubscriptionEvents.AGGREGATE_TYPE : RefundEvents.AGGREGATE_TYPE;
        var event = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData);
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(token, event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }

    /** Refund events name their application first; subscription events their subscription. */
    private static String aggregateIdOf(Object payload) {
        String component = hasComponent(payload, "applicationId") ? "applicationId" : "subscriptionId";
        try {
            return (String) payload.getClass().getMethod(component).invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("neither a refund nor a subscription event: " + payload, e);
        }
    }

    private static boolean hasComponent(Object payload, String name) {
        if (!payload.getClass().isRecord()) {
            return false;
        }
        for (var component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
