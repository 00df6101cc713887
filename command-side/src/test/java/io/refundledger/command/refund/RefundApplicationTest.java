package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.refundledger.command.refund.RefundFixture.AGENT;
import static io.refundledger.command.refund.RefundFixture.ID;
import static io.refundledger.command.refund.RefundFixture.NOW;
import static io.refundledger.command.refund.RefundFixture.NUMBER;
import static io.refundledger.command.refund.RefundFixture.REVIEWER;
import static io.refundledger.command.refund.RefundFixture.cny;
import static io.refundledger.command.refund.RefundFixture.notification;
import static io.refundledger.command.refund.RefundFixture.submission;
import static io.refundledger.command.refund.SampleRefund.aRefund;
import static io.refundledger.command.testing.DomainErrors.domainError;
import static io.refundledger.infrastructure.errors.ErrorKind.CONFLICT;
import static io.refundledger.infrastructure.errors.ErrorKind.INVALID_INPUT;
import static io.refundledger.infrastructure.errors.ErrorKind.RULE_VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

/** Submission and the first decisions; the rest of the life cycle is in {@link RefundLifecycleTest}. */
class RefundApplicationTest {

    RefundFixture refunds;
    FixtureConfiguration<RefundApplication> fixture;

    @BeforeEach
    void setUp() {
        refunds = new RefundFixture();
        fixture = refunds.fixture;
    }

    @AfterEach
    void tearDown() {
        refunds.shutDown();
    }

    /** The event a {@link SampleRefund} is recorded as, submitted at the fixed clock's time. */
    static RefundApplicationSubmitted submitted(SampleRefund refund, RefundType expectedType) {
        return new RefundApplicationSubmitted(ID, NUMBER, refund.customerId.strip(), refund.orderId.strip(), expectedType,
                refund.paidAmount, refund.requestedAmount, refund.reasonCategory, refund.reasonText,
                refund.payoutMethod, refund.purchasedAt, NOW, refund.deliveredAt,
                refund.usage == null ? ProductUsage.NOT_STATED : refund.usage, refund.servicePeriodStart,
                refund.servicePeriodEnd, refund.discountReceived, null, null, null);
    }

    /** What the policy records for the sample application (day 22 of 30, usage not stated, nothing reserved). */
    static RefundPolicyEvaluated evaluatedInPolicy(String paid, String requested) {
        return new RefundPolicyEvaluated(ID, "2026.11-1", true, List.of(
                new PolicyRuleResult("REFUND_WINDOW", true, "day 22 of 30 counted from purchase on 2026-11-01 (Asia/Shanghai)"),
                new PolicyRuleResult("FULL_REFUND", true,
                        "usage not stated: the full paid amount is refundable; the reviewer should confirm"),
                new PolicyRuleResult("ORDER_CAP", true, "requested " + cny(requested) + "; " + cny(paid)
                        + " of the order's " + cny(paid) + " is left to refund (0.00 CNY reserved)"),
                new PolicyRuleResult("REQUESTED_WITHIN_ELIGIBLE", true,
                        "requested " + cny(requested) + ", eligible " + cny(paid))),
                cny(paid), List.of(), false, NOW.plus(Duration.ofDays(2)), NOW);
    }

    /** The evaluation the last command recorded (the second event of a submission). */
    RefundPolicyEvaluated recordedEvaluation() {
        return (RefundPolicyEvaluated) fixture.getEventStore().readEvents(ID).asStream().toList().get(1).getPayload();
    }

    @Nested
    class Submitting {

        @Test
        void canSubmitWhenEverythingIsInOrder() {
            SampleRefund refund = aRefund().requesting("1000.00", "CNY");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY), evaluatedInPolicy("1200.00", "1000.00"),
                            notification(1, "refund-submitted"));
        }

        @Test
        void keepsThePolicyFactsTheCustomerStated() {
            SampleRefund refund = aRefund().requesting("500.00", "CNY");
            refund.usage = ProductUsage.USED;
            refund.servicePeriodStart = Instant.parse("2026-10-31T16:00:00Z");
            refund.servicePeriodEnd = Instant.parse("2027-10-31T16:00:00Z");
            refund.deliveredAt = Instant.parse("2026-11-02T02:00:00Z");
            refund.discountReceived = cny("100.00");
            RefundPolicyEvaluated evaluation = refunds.policy.evaluate(new PolicyFacts(refund.paidAmount,
                    refund.requestedAmount, refund.purchasedAt, refund.deliveredAt, ProductUsage.USED,
                    refund.servicePeriodStart, refund.servicePeriodEnd, refund.discountReceived),
                    io.refundledger.command.order.OrderRefundPosition.none(), NOW).toEvent(ID, NOW);

            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY), evaluation, notification(1, "refund-submitted"));
            assertThat(evaluation.deductions()).extracting(d -> d.kind()).containsExactly("USED_SERVICE", "DISCOUNT_CLAWBACK");
        }

        @Test
        void recordsAnApplicationOutsideThePolicyWithTheFailedRule() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = Instant.parse("2026-10-01T02:00:00Z");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectSuccessfulHandlerExecution();
            RefundPolicyEvaluated evaluation = recordedEvaluation();
            assertThat(evaluation.withinPolicy()).isFalse();
            assertThat(evaluation.rules().get(0)).isEqualTo(new PolicyRuleResult("REFUND_WINDOW", false,
                    "day 53 of 30 counted from purchase on 2026-10-01 (Asia/Shanghai)"));
        }

        @Test
        void evaluatesAgainstWhatTheOrderHasReservedAlready() {
            refunds.givenReserved("earlier-app", "1200.00", "1200.00", "1200.00");
            fixture.givenNoPriorActivity()
                    .when(aRefund().requesting("0.01", "CNY").asCommand(ID, NUMBER), AGENT)
                    .expectSuccessfulHandlerExecution();
            RefundPolicyEvaluated evaluation = recordedEvaluation();

            assertThat(evaluation.withinPolicy()).isFalse();
            assertThat(evaluation.rules()).filteredOn(r -> r.rule().equals("ORDER_CAP"))
                    .extracting(PolicyRuleResult::passed).containsExactly(false);
            assertThat(evaluation.eligibleAmount()).isEqualTo(cny("0.00"));
        }

        @Test
        void submitsAsRefundOnlyWhenNoTypeIsGiven() {
            SampleRefund refund = aRefund();
            refund.type = null;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectEvents(submitted(refund, RefundType.REFUND_ONLY), evaluatedInPolicy("1200.00", "1200.00"),
                            notification(1, "refund-submitted"));
        }

        @Test
        void recordsTrimmedIdsAndNoBlankReasonText() {
            SampleRefund refund = aRefund();
            refund.customerId = " C-1001 ";
            refund.orderId = "SO-20261101-7\t";
            refund.reasonText = "   ";
            refund.reasonCategory = RefundReasonCategory.DUPLICATE_CHARGE;
            refund.payoutMethod = PayoutMethod.ACCOUNT_BALANCE;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectEvents(new RefundApplicationSubmitted(ID, NUMBER, "C-1001", "SO-20261101-7", RefundType.REFUND_ONLY,
                                    refund.paidAmount, refund.requestedAmount, RefundReasonCategory.DUPLICATE_CHARGE, null,
                                    PayoutMethod.ACCOUNT_BALANCE, refund.purchasedAt, NOW, null, ProductUsage.NOT_STATED,
                                    null, null, null, null, null, null),
                            evaluatedInPolicy("1200.00", "1200.00"), notification(1, "refund-submitted"));
        }

        @Test
        void cannotSubmitWhenRequestingMoreThanWasPaid() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().paid("100.00", "CNY").requesting("100.01", "CNY").asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REQUESTED_EXCEEDS_PAID", RULE_VIOLATION, "requestedAmount"));
        }

        @Test
        void cannotSubmitInAnotherCurrencyThanWasPaid() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().paid("100.00", "CNY").requesting("10.00", "USD").asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "requestedAmount.currency"));
        }

        @Test
        void cannotSubmitADiscountInAnotherCurrency() {
            SampleRefund refund = aRefund();
            refund.discountReceived = Money.of("5.00", "USD");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "discountReceived.currency"));
        }

        @Test
        void cannotSubmitAServicePeriodThatEndsBeforeItStarts() {
            SampleRefund refund = aRefund();
            refund.usage = ProductUsage.USED;
            refund.servicePeriodStart = Instant.parse("2026-11-01T00:00:00Z");
            refund.servicePeriodEnd = Instant.parse("2026-10-01T00:00:00Z");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("SERVICE_PERIOD_INVALID", RULE_VIOLATION, "servicePeriodEnd"));
        }

        @Test
        void cannotSubmitHalfAServicePeriod() {
            SampleRefund refund = aRefund();
            refund.servicePeriodStart = Instant.parse("2026-11-01T00:00:00Z");
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("SERVICE_PERIOD_INCOMPLETE", INVALID_INPUT, "servicePeriodEnd"));
        }

        @Test
        void cannotSubmitADeliveryBeforeThePurchase() {
            SampleRefund refund = aRefund();
            refund.deliveredAt = refund.purchasedAt.minusSeconds(60);
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("DELIVERED_BEFORE_PURCHASE", RULE_VIOLATION, "deliveredAt"));
        }

        @Test
        void cannotSubmitForNothing() {
            fixture.givenNoPriorActivity()
                    .when(aRefund().requesting("0.00", "CNY").asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("REQUESTED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "requestedAmount.amount"));
        }

        @Test
        void cannotSubmitWithoutCustomer() {
            SampleRefund refund = aRefund();
            refund.customerId = null;
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("CUSTOMER_ID_REQUIRED", INVALID_INPUT, "customerId"));
        }

        @Test
        void cannotSubmitForAPurchaseInTheFuture() {
            SampleRefund refund = aRefund();
            refund.purchasedAt = NOW.plus(Duration.ofDays(1));
            fixture.givenNoPriorActivity()
                    .when(refund.asCommand(ID, NUMBER), AGENT)
                    .expectNoEvents()
                    .expectException(domainError("PURCHASED_AT_IN_FUTURE", RULE_VIOLATION, "purchasedAt"));
        }

        @Test
        void cannotSubmitUnderSomethingThatIsNoApplicationNumber() {
            // Numbers come from the issuer, never from callers: a bad one is a bug, not a client error.
            fixture.givenNoPriorActivity()
                    .when(aRefund().asCommand(ID, "42"), AGENT)
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class);
        }
    }

    @Nested
    class Approving {

        @Test
        void approvesForRequestedAmountByDefaultAndReservesItOnTheOrder() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectResultMessagePayload(RefundStatus.APPROVED)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null),
                            notification(2, "refund-approved"));
            assertThat(refunds.ledgerEvents()).containsExactly(new OrderRefundReserved(RefundFixture.ORDER, ID,
                    cny("1000.00"), cny("1200.00"), cny("1000.00"), NOW));
        }

        @Test
        void approvesAnotherAmountUpToWhatWasPaid() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("1200", "CNY"), "  goodwill for the delay "), REVIEWER)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1200.00"), "goodwill for the delay", NOW, null, null),
                            notification(2, "refund-approved"));
        }

        @Test
        void approvesLessThanRequested() {
            fixture.given(submission("1200.00", "1200.00"))
                    .when(new ApproveRefundApplication(ID, cny("1000.00"), "screen part repaired"), REVIEWER)
                    .expectEvents(new RefundApplicationApproved(ID, cny("1000.00"), "screen part repaired", NOW, null, null),
                            notification(2, "refund-approved"));
        }

        @Test
        void cannotApproveMoreThanWasPaid() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, cny("1200.01"), null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("APPROVED_EXCEEDS_PAID", RULE_VIOLATION, "approvedAmount"));
            assertThat(refunds.ledgerEvents()).isEmpty();
        }

        @Test
        void cannotApproveNothing() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, cny("0"), null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("APPROVED_AMOUNT_NOT_POSITIVE", RULE_VIOLATION, "approvedAmount.amount"));
        }

        @Test
        void cannotApproveInAnotherCurrency() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new ApproveRefundApplication(ID, Money.of("100.00", "USD"), null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("CURRENCY_MISMATCH", RULE_VIOLATION, "approvedAmount.currency"));
        }

        @Test
        void cannotApproveWhenAlreadyApproved() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void cannotApproveWhenAlreadyRejected() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new ApproveRefundApplication(ID, null, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void reportsTheStateBeforeTheAmountOnceDecided() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new ApproveRefundApplication(ID, cny("5000.00"), null), REVIEWER)
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }
    }

    @Nested
    class Rejecting {

        @Test
        void rejectsWithTheReasonTheCustomerWillSeeAndNotifiesThem() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, " 超过30天退款期限 "), REVIEWER)
                    .expectResultMessagePayload(RefundStatus.REJECTED)
                    .expectEvents(new RefundApplicationRejected(ID, "超过30天退款期限", NOW), notification(2, "refund-rejected"));
        }

        @Test
        void cannotRejectWithoutReason() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, null), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }

        @Test
        void cannotRejectWithABlankReason() {
            fixture.given(submission("1200.00", "1000.00"))
                    .when(new RejectRefundApplication(ID, " \n "), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }

        @Test
        void cannotRejectWhenAlreadyApproved() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationApproved(ID, cny("1000.00"), null, NOW, null, null))
                    .when(new RejectRefundApplication(ID, "changed my mind"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void cannotRejectWhenAlreadyRejected() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new RejectRefundApplication(ID, "still too late"), REVIEWER)
                    .expectNoEvents()
                    .expectException(domainError("REFUND_NOT_AWAITING_REVIEW", CONFLICT, null));
        }

        @Test
        void reportsAMissingReasonBeforeTheState() {
            fixture.given(submission("1200.00", "1000.00"))
                    .andGiven(new RefundApplicationRejected(ID, "too late", NOW))
                    .when(new RejectRefundApplication(ID, ""), REVIEWER)
                    .expectException(domainError("REASON_REQUIRED", INVALID_INPUT, "reason"));
        }
    }
}
