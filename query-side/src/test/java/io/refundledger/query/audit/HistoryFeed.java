package io.refundledger.query.audit;

import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.query.refund.RefundEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Like {@code query.refund.EventFeed}, feeds tracked events at chosen global positions through Axon's handler
 * adapter, but also sets when each event was recorded: the history's "as of an instant" is about that time.
 */
final class HistoryFeed {

    private final AnnotationEventHandlerAdapter projection;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Delivered> delivered = new ArrayList<>();

    record Delivered(long position, Object payload, Map<String, ?> metaData, Instant recordedAt) {
    }

    HistoryFeed(Object projection) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
    }

    void deliver(long position, Object payload, Map<String, ?> metaData, Instant recordedAt) {
        deliver(new GlobalSequenceTrackingToken(position), payload, metaData, recordedAt);
        delivered.add(new Delivered(position, payload, metaData, recordedAt));
    }

    /** Everything again with the same positions, as after a crash before the token was stored. */
    void redeliverAll() {
        for (Delivered d : List.copyOf(delivered)) {
            deliver(new GlobalSequenceTrackingToken(d.position()), d.payload(), d.metaData(), d.recordedAt());
        }
    }

    /** A reset and the replay after it: the reset handler, then everything wrapped in replay tokens. */
    void resetAndReplay() {
        projection.prepareReset();
        nextSequence.clear();
        long head = delivered.get(delivered.size() - 1).position();
        for (Delivered d : List.copyOf(delivered)) {
            TrackingToken replay = new ReplayToken(new GlobalSequenceTrackingToken(head),
                    new GlobalSequenceTrackingToken(d.position()));
            deliver(replay, d.payload(), d.metaData(), d.recordedAt());
        }
    }

    private void deliver(TrackingToken token, Object payload, Map<String, ?> metaData, Instant recordedAt) {
        String aggregateId = aggregateIdOf(payload);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        var event = new GenericDomainEventMessage<>(aggregateTypeOf(payload), aggregateId, sequence,
                new GenericMessage<>(payload, metaData), recordedAt);
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(token, event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }

    private static String aggregateTypeOf(Object payload) {
        return payload instanceof OrderRefundReserved || payload instanceof OrderRefundReleased
                ? RefundEvents.LEDGER_AGGREGATE_TYPE : RefundEvents.AGGREGATE_TYPE;
    }

    private static String aggregateIdOf(Object payload) {
        if (payload instanceof OrderRefundReserved e) {
            return "order:" + e.orderId();
        }
        if (payload instanceof OrderRefundReleased e) {
            return "order:" + e.orderId();
        }
        try {
            return (String) payload.getClass().getMethod("applicationId").invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a refund event: " + payload, e);
        }
    }
}
