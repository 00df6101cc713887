package io.refundledger.command.order;

import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.refundledger.command.testing.DomainErrors.domainError;
import static io.refundledger.infrastructure.errors.ErrorKind.CONFLICT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order ledger through {@link OrderRefundLedgers}, as the refund decisions use it. The commands here
 * only exist to drive it in a fixture; in the application it changes inside the refund's unit of work.
 */
class OrderRefundLedgerTest {

    static final String ORDER = "SO-20261101-7";
    static final String LEDGER = "order:" + ORDER;
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    record Reserve(@TargetAggregateIdentifier String ledgerId, String applicationId, Money amount, Money paid) {
    }

    record Release(@TargetAggregateIdentifier String ledgerId, String applicationId, Money amount) {
    }

    record AskPosition(@TargetAggregateIdentifier String ledgerId) {
    }

    record AskPositionWithout(@TargetAggregateIdentifier String ledgerId, String applicationId) {
    }

    class Driver {
        final OrderRefundLedgers ledgers;

        Driver(OrderRefundLedgers ledgers) {
            this.ledgers = ledgers;
        }

        @CommandHandler
        void handle(Reserve command) {
            ledgers.reserve(ORDER, command.applicationId(), command.amount(), command.paid(), NOW);
        }

        @CommandHandler
        void handle(Release command) {
            ledgers.release(ORDER, command.applicationId(), command.amount(), NOW);
        }

        @CommandHandler
        OrderRefundPosition handle(AskPosition command) {
            return ledgers.positionOf(ORDER);
        }

        @CommandHandler
        OrderRefundPosition handle(AskPositionWithout command) {
            return ledgers.positionOf(ORDER, command.applicationId());
        }
    }

    FixtureConfiguration<OrderRefundLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrderRefundLedger.class);
        fixture.registerAnnotatedCommandHandler(new Driver(new OrderRefundLedgers(fixture.getRepository())));
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static GenericDomainEventMessage<OrderRefundReserved> reserved(long sequence, String applicationId, String amount,
                                                                   String total) {
        return new GenericDomainEventMessage<>("OrderRefundLedger", LEDGER, sequence,
                new OrderRefundReserved(ORDER, applicationId, cny(amount), cny("1200.00"), cny(total), NOW));
    }

    @Test
    void opensTheLedgerWithTheFirstReservation() {
        fixture.givenNoPriorActivity()
                .when(new Reserve(LEDGER, "app-1", cny("400.00"), cny("1200.00")))
                .expectEvents(new OrderRefundReserved(ORDER, "app-1", cny("400.00"), cny("1200.00"), cny("400.00"), NOW));
    }

    @Test
    void canReserveUpToExactlyWhatWasPaid() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"), reserved(1, "app-2", "400.00", "800.00"))
                .when(new Reserve(LEDGER, "app-3", cny("400.00"), cny("1200.00")))
                .expectEvents(new OrderRefundReserved(ORDER, "app-3", cny("400.00"), cny("1200.00"), cny("1200.00"), NOW));
    }

    @Test
    void cannotReserveACentMoreThanWasPaid() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"), reserved(1, "app-2", "400.00", "800.00"),
                        reserved(2, "app-3", "400.00", "1200.00"))
                .when(new Reserve(LEDGER, "app-4", cny("0.01"), cny("1200.00")))
                .expectNoEvents()
                .expectException(domainError("ORDER_CAP_EXCEEDED", RULE_VIOLATION, "approvedAmount"));
    }

    @Test
    void cannotOpenWithMoreThanWasPaid() {
        fixture.givenNoPriorActivity()
                .when(new Reserve(LEDGER, "app-1", cny("1200.01"), cny("1200.00")))
                .expectNoEvents()
                .expectException(domainError("ORDER_CAP_EXCEEDED", RULE_VIOLATION, "approvedAmount"));
    }

    @Test
    void cannotReserveInAnotherCurrency() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"))
                .when(new Reserve(LEDGER, "app-2", Money.of("10.00", "USD"), Money.of("1200.00", "USD")))
                .expectNoEvents()
                .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "approvedAmount.currency"));
    }

    @Test
    void cannotReserveTwiceForOneApplication() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"))
                .when(new Reserve(LEDGER, "app-1", cny("100.00"), cny("1200.00")))
                .expectNoEvents()
                .expectException(domainError("ALREADY_RESERVED", CONFLICT, null));
    }

    @Test
    void releasingGivesTheAmountBackToTheOrder() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"), reserved(1, "app-2", "800.00", "1200.00"))
                .when(new Release(LEDGER, "app-2", cny("300.00")))
                .expectEvents(new OrderRefundReleased(ORDER, "app-2", cny("300.00"), cny("900.00"), NOW));
    }

    @Test
    void aReleasedAmountCanBeReservedAgain() {
        fixture.given(reserved(0, "app-1", "1200.00", "1200.00"),
                        new GenericDomainEventMessage<>("OrderRefundLedger", LEDGER, 1,
                                new OrderRefundReleased(ORDER, "app-1", cny("1200.00"), cny("0.00"), NOW)))
                .when(new Reserve(LEDGER, "app-2", cny("1200.00"), cny("1200.00")))
                .expectEvents(new OrderRefundReserved(ORDER, "app-2", cny("1200.00"), cny("1200.00"), cny("1200.00"), NOW));
    }

    @Test
    void cannotReleaseMoreThanTheApplicationReserved() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"))
                .when(new Release(LEDGER, "app-1", cny("400.01")))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void answersWithThePositionOfTheOrder() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"))
                .when(new AskPosition(LEDGER))
                .expectResultMessagePayload(new OrderRefundPosition(cny("1200.00"), cny("400.00")));
    }

    /** An approval judged on a stale copy of its application must not count its own reservation against the cap. */
    @Test
    void theOtherApplicationsPositionLeavesTheAskingApplicationsOwnReservationOut() {
        fixture.given(reserved(0, "app-1", "400.00", "400.00"), reserved(1, "app-2", "300.00", "700.00"))
                .when(new AskPositionWithout(LEDGER, "app-2"))
                .expectResultMessagePayload(new OrderRefundPosition(cny("1200.00"), cny("400.00")));
    }

    @Test
    void anOrderWithoutReservationsHasNoPosition() {
        assertThat(OrderRefundPosition.none().exists()).isFalse();
        assertThat(OrderRefundPosition.none().reservedOr("CNY")).isEqualTo(cny("0.00"));
        fixture.givenNoPriorActivity()
                .when(new AskPosition(LEDGER))
                .expectResultMessagePayload(OrderRefundPosition.none());
    }
}
