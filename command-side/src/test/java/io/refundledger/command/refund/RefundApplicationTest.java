package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.refundledger.command.refund.SampleRefund.aRefund;
import static io.refundledger.command.testing.DomainErrors.domainError;
import static io.refundledger.infrastructure.errors.ErrorKind.CONFLICT;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;

class RefundApplicationTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final String ID = "7d0c4f0e-1111-4e4e-9d9d-000000000001";
    static final String NUMBER = "RF-20261123-000042";

    FixtureConfiguration<RefundApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RefundApplication.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The event a {@link SampleRefund} is recorded as, submitted at the fixed clock's time. */
    static RefundApplicationSubmitted submitted(SampleRefund refund, RefundType expectedType) {
        return new RefundApplicationSubmitted(ID, NUMBER, refund.customerId, refund.orderId, expectedType,
                refund.paidAmount, refund.requestedAmount, refund.reasonCategory, refund.reasonText,
                refund.payoutMethod, refund.purchasedAt, NOW, null, ProductUsage.NOT_STATED, null, null, null);
    }

    static RefundApplicationSubmitted submittedFor(String paid, String requested) {
        return submitted(aRefund().paid(paid, "CNY").requesting(requested, "CNY"), RefundType.REFUND_ONLY);
    }

    @Nested
    class Submitting {

        @Test
        void canSubmitWhenEverythingIsInOrder() {
            SampleRefund refund = aRefund();
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY));
        }

        @Test
        void submitsAsRefundOnlyWhenNoTypeIsGiven() {
            SampleRefund refund = aRefund();
            refund.type = null;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY));
        }

        @Test
        void keepsTheTypeTheCustomerChose() {
            SampleRefund refund = aRefund();
            refund.type = RefundType.RETURN_AND_REFUND;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectEvents(submitted(refund, RefundType.RETURN_AND_REFUND));
        }

        @Test
        void canSubmitWhenRequestingExactlyWhatWasPaid() {
            SampleRefund refund = aRefund().paid("1200.00", "CNY").requesting("1200.00", "CNY");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY));
        }

        @Test
        void recordsTrimmedIdsAndNoBlankReasonText() {
            SampleRefund refund = aRefund();
            refund.customerId = " C-1001 ";
            refund.orderId = "SO-1\t";
            refund.reasonText = "   ";
            refund.reasonCategory = RefundReasonCategory.DUPLICATE_CHARGE;
            refund.payoutMethod = PayoutMethod.ACCOUNT_BALANCE;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectEvents(new RefundApplicationSubmitted(ID, NUMBER, "C-1001", "SO-1", RefundType.REFUND_ONLY,
                            refund.paidAmount, refund.requestedAmount, RefundReasonCategory.DUPLICATE_CHARGE, null,
                            PayoutMethod.ACCOUNT_BALANCE, refund.purchasedAt, NOW, null, ProductUsage.NOT_STATED, null, null, null));
        }

        @Test
        void cannotSubmitWhenRequestingMoreThanWasPaid() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().paid("100.00", "CNY").requesting("100.01", "CNY").asCommand(ID, NUMBER))
                    .expectNoEvents()
                    .expectException(domainError("REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount"));
        }

        @Test
        void cannotSubmitInAnotherCurrencyThanWasPaid() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().paid("100.00", "CNY").requesting("10.00", "USD").asCommand(ID, NUMBER))
                    .expectNoEvents()
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "requestedAmount.currency"));
        }

        @Test
        void cannotSubmitForNothing() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().requesting("0.00", "CNY").asCommand(ID, NUMBER))
                    .expectNoEvents()
                    .expectException(domainError("REQUESTED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "requestedAmount.amount"));
        }

        @Test
        void cannotSubmitWithoutCustomer() {
            SampleRefund refund = aRefund();
            refund.customerId = null;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectNoEvents()
                    .expectException(domainError("CUSTOMER_ID_REQUIRED", INVALID_INPUT, "customerId"));
        }

        @Test
        void cannotSubmitForAPurchaseInTheFuture() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = NOW.plus(Duration.ofDays(1));
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER))
                    .expectNoEvents()
                    .expectException(domainError("PURCHASED_AT_IN_FUTURE", RULE_VIOLATION, "purchasedAt"));
        }

        @Test
        void cannotSubmitUnderSomethingThatIsNoApplicationNumber() {
            // Numbers come from the issuer, never from callers: a bad one is a bug, not a client error.
            fixture.givenNoPriorActivity()
                    .when(aRefund().asCommand(ID, "42"))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class);
        }
    }

    @Nested
    class Approving {

        @Test
        void approvesForRequestedAmountByDefault() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, null, null))
                    .expectEvents(new RefundApplicationApproved(ID, Money.of("1000.00", "CNY"), null, NOW, null, null));
        }

        @Test
        void approvesAnotherAmountUpToWhatWasPaid() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("1200", "CNY"), "  goodwill for the delay "))
                    .expectEvents(new RefundApplicationApproved(ID, Money.of("1200.00", "CNY"), "goodwill for the delay", NOW, null, null));
        }

        @Test
        void approvesLessThanRequested() {
            fixture.given(submittedFor("1200.00", "1200.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("1000.00", "CNY"), "screen part repaired"))
                    .expectEvents(new RefundApplicationApproved(ID, Money.of("1000.00", "CNY"), "screen part repaired", NOW, null, null));
        }

        @Test
        void cannotApproveMoreThanWasPaid() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("1200.01", "CNY"), null))
                    .expectNoEvents()
                    .expectException(domainError("APPROVED_EXCEEDS_PAID", RULE_VIOLATION, "approvedAmount"));
        }

        @Test
        void cannotApproveNothing() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("0", "CNY"), null))
                    .expectNoEvents()
                    .expectException(domainError("APPROVED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "approvedAmount.amount"));
        }

        @Test
        void cannotApproveInAnotherCurrency() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("100.00", "USD"), null))
                    .expectNoEvents()
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "approvedAmount.currency"));
        }

        @Test
        void cannotApproveWhenAlreadyApproved() {
            fixture.given(submittedFor("1200.00", "1000.00"),
                            new RefundApplicationApproved(ID, Money.of("1000.00", "CNY"), null, NOW, null, null))
                    .when(new ApproveRefundApplication(ID, null, null))
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void cannotApproveWhenAlreadyRejected() {
            fixture.given(submittedFor("1200.00", "1000.00"), new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new ApproveRefundApplication(ID, null, null))
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void reportsTheStateBeforeTheAmountOnceDecided() {
            fixture.given(submittedFor("1200.00", "1000.00"), new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new ApproveRefundApplication(ID, Money.of("5000.00", "CNY"), null))
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }
    }

    @Nested
    class Rejecting {

        @Test
        void rejectsWithTheReasonTheCustomerWillSee() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, " 超过30天退款期限 "))
                    .expectEvents(new RefundApplicationRejected(ID, "超过30天退款期限", NOW));
        }

        @Test
        void cannotRejectWithoutReason() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, null))
                    .expectNoEvents()
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }

        @Test
        void cannotRejectWithABlankReason() {
            fixture.given(submittedFor("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, " \n "))
                    .expectNoEvents()
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }

        @Test
        void cannotRejectWhenAlreadyApproved() {
            fixture.given(submittedFor("1200.00", "1000.00"),
                            new RefundApplicationApproved(ID, Money.of("1000.00", "CNY"), null, NOW, null, null))
                    .when(new RejectRefundApplication(ID, "changed my mind"))
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void cannotRejectWhenAlreadyRejected() {
            fixture.given(submittedFor("1200.00", "1000.00"), new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new RejectRefundApplication(ID, "still too late"))
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void reportsAMissingReasonBeforeTheState() {
            fixture.given(submittedFor("1200.00", "1000.00"), new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new RejectRefundApplication(ID, ""))
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }
    }
}
