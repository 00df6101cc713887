package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundLedger;
import io.refundledger.command.order.OrderRefundLedgers;
import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An aggregate fixture for {@link RefundApplication} with its decision handlers wired as in the
 * application. The order ledgers live in a separate in-memory event store (Axon's fixture holds one
 * aggregate only), changed in the same unit of work as the application: a refused command leaves both
 * untouched.
 */
final class RefundFixture {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final String ID = "7d0c4f0e-1111-4e4e-9d9d-000000000001";
    static final String NUMBER = "RF-20261123-000042";
    static final String ORDER = "SO-20261101-7";
    static final String LEDGER = "order:" + ORDER;
    static final String CUSTOMER = "C-1001";

    static final Map<String, Object> AGENT = actor("agent", "CUSTOMER_SERVICE");
    static final Map<String, Object> REVIEWER = actor("reviewer", "REVIEWER");
    static final Map<String, Object> REVIEWER2 = actor("reviewer2", "REVIEWER");
    static final Map<String, Object> FINANCE = actor("finance", "FINANCE");

    final FixtureConfiguration<RefundApplication> fixture;
    final EmbeddedEventStore ledgerStore;
    final RefundPolicy policy = PolicyTesting.standardPolicy();
    private long ledgerSequence;

    RefundFixture() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ledgerStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        OrderRefundLedgers ledgers = new OrderRefundLedgers(
                EventSourcingRepository.builder(OrderRefundLedger.class).eventStore(ledgerStore).build());
        fixture = new AggregateTestFixture<>(RefundApplication.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(policy);
        fixture.registerInjectableResource(ledgers);
        fixture.registerAnnotatedCommandHandler(new RefundDecisionHandlers(fixture.getRepository(), ledgers, policy, clock));
    }

    static Map<String, Object> actor(String name, String roles) {
        return Map.of("actor", name, "actorRoles", roles);
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    /** An event as recorded while {@code actor} acted. */
    static EventMessage<?> by(Map<String, Object> actor, Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(actor);
    }

    static CustomerNotificationRequested notification(int n, String template) {
        return new CustomerNotificationRequested(ID, ID + "-n" + n, NotificationChannel.EMAIL, template, CUSTOMER, NOW);
    }

    /** An evaluation as the policy would record it, reduced to what the application acts on. */
    static RefundPolicyEvaluated evaluated(boolean withinPolicy, String eligible, boolean secondApproval) {
        return new RefundPolicyEvaluated(ID, "2026.11-1", withinPolicy,
                List.of(new PolicyRuleResult("REFUND_WINDOW", withinPolicy, "day 22 of 30")), cny(eligible), List.of(),
                secondApproval, NOW.plus(Duration.ofDays(2)), NOW);
    }

    /** The events of a submission by the agent: submitted, evaluated, customer notified (n1). */
    static List<Object> submission(String paid, String requested, RefundType type, boolean withinPolicy,
                                   String eligible, boolean secondApproval) {
        SampleRefund refund = SampleRefund.aRefund().paid(paid, "CNY").requesting(requested, "CNY");
        return List.of(by(AGENT, RefundApplicationTest.submitted(refund, type)),
                evaluated(withinPolicy, eligible, secondApproval), notification(1, "refund-submitted"));
    }

    static List<Object> submission(String paid, String requested) {
        return submission(paid, requested, RefundType.REFUND_ONLY, true, paid, false);
    }

    /** Puts a reservation on the order's ledger, as an earlier approval would have. */
    void givenReserved(String applicationId, String amount, String paid, String total) {
        ledgerStore.publish(new GenericDomainEventMessage<>("OrderRefundLedger", LEDGER, ledgerSequence++,
                new OrderRefundReserved(ORDER, applicationId, cny(amount), cny(paid), cny(total), NOW)));
    }

    List<Object> ledgerEvents() {
        return ledgerStore.readEvents(LEDGER).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    void shutDown() {
        ledgerStore.shutDown();
    }
}
