package io.refundledger.query.refund;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds tracked events at chosen global positions to projections through Axon's own handler adapter, so the
 * token and metadata parameters are resolved as in the running processor, and records what was fed so a test
 * can deliver it all again. Each test gets a fresh embedded MongoDB database from {@link #freshDatabase()}.
 */
public final class EventFeed {

    private static MongoClient client;

    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<Delivered> delivered = new ArrayList<>();

    /** One delivered event, to deliver again. */
    public record Delivered(TrackingToken token, Object payload, Map<String, ?> metaData) {
    }

    public EventFeed(Object... projections) {
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            client = MongoClients.create(TestMongo.server().connectionString(""));
        }
        return client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase());
    }

    public void deliver(long position, Object payload) {
        deliver(position, payload, Map.of());
    }

    public void deliver(long position, Object payload, Map<String, ?> metaData) {
        deliver(new GlobalSequenceTrackingToken(position), payload, metaData);
    }

    public void deliver(TrackingToken token, Object payload, Map<String, ?> metaData) {
        String aggregateId = aggregateIdOf(payload);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        var event = new GenericDomainEventMessage<>(aggregateTypeOf(payload), aggregateId, sequence, payload, metaData);
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(new GenericTrackedDomainEventMessage<>(token, event));
            } catch (Exception e) {
                throw new AssertionError("handler failed for " + payload, e);
            }
        }
        delivered.add(new Delivered(token, payload, metaData));
    }

    /** Everything delivered so far, in order. */
    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** Delivers everything again with the same positions, as a processor does after a crash. */
    public void redeliverAll() {
        for (Delivered d : delivered()) {
            deliver(d.token(), d.payload(), d.metaData());
        }
    }

    /** What a processor reset does before a replay: every projection's reset handler. */
    public void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }

    private static String aggregateTypeOf(Object payload) {
        return payload instanceof OrderRefundReserved || payload instanceof OrderRefundReleased
                ? RefundEvents.LEDGER_AGGREGATE_TYPE : RefundEvents.AGGREGATE_TYPE;
    }

    private static String aggregateIdOf(Object payload) {
        if (payload instanceof OrderRefundReserved e) {
            return e.orderId();
        }
        if (payload instanceof OrderRefundReleased e) {
            return e.orderId();
        }
        try {
            // Every refund event names its application first.
            return (String) payload.getClass().getMethod("applicationId").invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a refund event: " + payload, e);
        }
    }
}
