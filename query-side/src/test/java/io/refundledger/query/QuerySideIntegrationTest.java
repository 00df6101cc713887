package io.refundledger.query;

import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

/**
 * The whole query side on a random port, against one embedded MongoDB database. Every integration test
 * extends this class unchanged, so they all share one Spring context (started once) and tell their data
 * apart by fresh ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QuerySideIntegrationTest {

    /** Resolved once: the registry calls a supplier on every lookup, and each call would name a new database. */
    private static final String MONGODB_URI = TestMongo.freshDatabaseUri();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("ledger.mongodb.uri", () -> MONGODB_URI);
    }

    @Autowired
    protected EventStore eventStore;

    /** Without credentials; use {@link #as(String)} to read as a demo user. */
    @Autowired
    protected TestRestTemplate anonymous;

    /**
     * HTTP as one of the demo users of the default configuration (HTTP Basic, password {@code <name>-demo}):
     * {@code agent} (CUSTOMER_SERVICE), {@code reviewer} and {@code reviewer2} (REVIEWER), {@code finance},
     * {@code auditor}, {@code admin}.
     */
    protected TestRestTemplate as(String username) {
        return anonymous.withBasicAuth(username, username + "-demo");
    }

    /** Appends through the real event store (our MongoDB engine) and returns the event's global position. */
    protected long publish(String aggregateType, String aggregateId, long sequence, Object payload) {
        return publish(aggregateType, aggregateId, sequence, payload, Map.of());
    }

    protected long publish(String aggregateType, String aggregateId, long sequence, Object payload, Map<String, ?> metaData) {
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metaData));
        return headPosition();
    }

    /** Tests publish one event at a time, so the head is the event just published. */
    protected long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElseThrow();
    }
}
