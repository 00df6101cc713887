package io.refundledger.command.generator;

import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.command.refund.ApproveRefundApplication;
import io.refundledger.command.refund.AssignRefundApplication;
import io.refundledger.command.refund.GiveSecondApproval;
import io.refundledger.command.refund.PolicyEvaluation;
import io.refundledger.command.refund.PolicyFacts;
import io.refundledger.command.refund.RecordPayoutFailure;
import io.refundledger.command.refund.RecordPayoutSuccess;
import io.refundledger.command.refund.RefundPolicy;
import io.refundledger.command.refund.RefundPolicySettings;
import io.refundledger.command.refund.RejectRefundApplication;
import io.refundledger.command.refund.RequestedRefund;
import io.refundledger.command.refund.ResubmitRefundApplication;
import io.refundledger.command.refund.StartPayout;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A generated application decides like the people it stands for; the aggregate's answers are fed in by hand. */
class RefundCaseTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-11-17T02:00:00Z");
    private static final RefundPolicy POLICY = new RefundPolicy(new RefundPolicySettings("2026.11-1", 30,
            RefundPolicySettings.WindowStart.PURCHASE, SHANGHAI, Map.of(), Money.of("5000.00", "CNY"), Duration.ofDays(2),
            Duration.ofDays(3), "Returns Centre", NotificationChannel.EMAIL));

    private static RefundCase aCase(RefundScenario scenario, long seed) {
        return new RefundCase(scenario, seed, TUESDAY_MORNING, "T1", (int) seed, POLICY, SHANGHAI);
    }

    @Test
    void customerServiceSubmitsForTheCustomerThroughTheirChannel() {
        Move submission = aCase(RefundScenario.PAID_STRAIGHT, 1).first();
        assertThat(submission.at()).isEqualTo(TUESDAY_MORNING);
        assertThat(submission.actor()).isEqualTo(Staff.AGENT);
        assertThat(submission.customerChannel()).isIn("ONLINE", "OFFLINE");
        RequestedRefund refund = ((Submission) submission.command()).refund();
        assertThat(refund.productId()).isNotNull();
        assertThat(refund.customerSegment()).isIn("CONSUMER", "SMB", "MID_MARKET", "ENTERPRISE");
        assertThat(refund.orderId()).isEqualTo("SO-T1-1");
    }

    @Test
    void theSameSeedDraftsTheSameApplication() {
        assertThat(aCase(RefundScenario.RETURN_AND_REFUND, 9).first()).isEqualTo(aCase(RefundScenario.RETURN_AND_REFUND, 9).first());
        assertThat(aCase(RefundScenario.RETURN_AND_REFUND, 9).first()).isNotEqualTo(aCase(RefundScenario.RETURN_AND_REFUND, 10).first());
    }

    @Test
    void applicationsMeantToBeApprovedAskForNoMoreThanThePolicyAllows() {
        for (RefundScenario scenario : RefundScenario.values()) {
            if (scenario == RefundScenario.REJECTED || scenario == RefundScenario.POLICY_EXCEPTION) {
                continue;
            }
            IntStream.range(0, 200).forEach(seed -> {
                RefundCase generated = aCase(scenario, seed);
                assertThat(evaluate(generated).withinPolicy()).as(scenario + " seed " + seed).isTrue();
            });
        }
    }

    @Test
    void exceptionsAreOutsideTheWindowAndApprovedWithAJustification() {
        RefundCase exception = aCase(RefundScenario.POLICY_EXCEPTION, 3);
        assertThat(evaluate(exception).withinPolicy()).isFalse();
        Move assign = exception.next(TUESDAY_MORNING, "id").orElseThrow();
        Move approve = exception.next(assign.at(), RefundStatus.SUBMITTED).orElseThrow();
        assertThat(approve.command()).isInstanceOfSatisfying(ApproveRefundApplication.class,
                approval -> assertThat(approval.exceptionJustification()).isNotBlank());
    }

    @Test
    void aFailedPayoutIsRetriedByBankTransferAndThenSucceeds() {
        RefundCase generated = aCase(RefundScenario.PAYOUT_FAILED_THEN_RETRIED, 5);
        Move assign = generated.next(TUESDAY_MORNING, "id").orElseThrow();
        assertThat(assign.command()).isInstanceOf(AssignRefundApplication.class);
        Move approve = generated.next(assign.at(), RefundStatus.SUBMITTED).orElseThrow();
        assertThat(approve.command()).isInstanceOf(ApproveRefundApplication.class);
        assertThat(approve.actor().username()).isIn("reviewer", "reviewer2");
        Move payout = generated.next(approve.at(), RefundStatus.APPROVED).orElseThrow();
        assertThat(payout.actor()).isEqualTo(Staff.FINANCE);
        assertThat(payout.command()).isInstanceOf(StartPayout.class);
        Move failure = generated.next(payout.at(), RefundStatus.PAYOUT_IN_PROGRESS).orElseThrow();
        assertThat(failure.command()).isInstanceOf(RecordPayoutFailure.class);
        Move retry = generated.next(failure.at(), RefundStatus.PAYOUT_FAILED).orElseThrow();
        assertThat(retry.command()).isInstanceOfSatisfying(StartPayout.class, started -> {
            assertThat(started.method()).isEqualTo(PayoutMethod.BANK_TRANSFER);
            assertThat(started.payoutId()).isNotEqualTo(((StartPayout) payout.command()).payoutId());
        });
        Move success = generated.next(retry.at(), RefundStatus.PAYOUT_IN_PROGRESS).orElseThrow();
        assertThat(success.command()).isInstanceOfSatisfying(RecordPayoutSuccess.class,
                paid -> assertThat(paid.payoutId()).isEqualTo(((StartPayout) retry.command()).payoutId()));
    }

    @Test
    void aboveTheThresholdFinanceDecidesSecond() {
        IntStream.range(0, 50).forEach(seed -> {
            RefundCase generated = aCase(RefundScenario.FOUR_EYES, seed);
            RequestedRefund refund = ((Submission) generated.first().command()).refund();
            assertThat(POLICY.requiresSecondApproval(refund.requestedAmount(), Money.zero(refund.requestedAmount().currency())))
                    .as("seed " + seed).isTrue();
            Move second = generated.next(TUESDAY_MORNING, RefundStatus.AWAITING_SECOND_APPROVAL).orElseThrow();
            assertThat(second.actor()).isEqualTo(Staff.FINANCE);
            assertThat(second.command()).isInstanceOfAny(GiveSecondApproval.class, RejectRefundApplication.class);
        });
    }

    @Test
    void aRejectedApplicationIsAmendedAndResubmittedOnce() {
        RefundCase generated = aCase(RefundScenario.REJECTED_THEN_RESUBMITTED, 2);
        Move assign = generated.next(TUESDAY_MORNING, "id").orElseThrow();
        Move reject = generated.next(assign.at(), RefundStatus.SUBMITTED).orElseThrow();
        assertThat(reject.command()).isInstanceOf(RejectRefundApplication.class);
        Move resubmit = generated.next(reject.at(), RefundStatus.REJECTED).orElseThrow();
        assertThat(resubmit.command()).isInstanceOfSatisfying(ResubmitRefundApplication.class,
                amended -> assertThat(amended.amendmentNote()).isNotBlank());
        assertThat(resubmit.actor()).isEqualTo(Staff.AGENT);
        Move approve = generated.next(resubmit.at(), RefundStatus.SUBMITTED).orElseThrow();
        assertThat(approve.command()).isInstanceOf(ApproveRefundApplication.class);
        // Rejected again (by finance, say): that is the end of it.
        assertThat(generated.next(approve.at(), RefundStatus.REJECTED)).isEmpty();
    }

    @Test
    void returnsAndExchangesAreForGoods() {
        IntStream.range(0, 50).forEach(seed -> {
            RequestedRefund refund = ((Submission) aCase(RefundScenario.EXCHANGE, seed).first().command()).refund();
            assertThat(refund.type()).isEqualTo(RefundType.EXCHANGE);
            assertThat(refund.deliveredAt()).isNotNull().isBefore(TUESDAY_MORNING);
        });
    }

    @Test
    void staffStepsFollowInOfficeHoursNeverEarlierThanTheStepBefore() {
        IntStream.range(0, 50).forEach(seed -> {
            RefundCase generated = aCase(RefundScenario.PAID_STRAIGHT, seed);
            Move assign = generated.next(TUESDAY_MORNING, "id").orElseThrow();
            Move approve = generated.next(assign.at(), RefundStatus.SUBMITTED).orElseThrow();
            assertThat(approve.at()).isAfter(assign.at());
            LocalTime local = approve.at().atZone(SHANGHAI).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 0));
        });
    }

    private static PolicyEvaluation evaluate(RefundCase generated) {
        Move submission = generated.first();
        RequestedRefund refund = ((Submission) submission.command()).refund();
        return POLICY.evaluate(new PolicyFacts(refund.paidAmount(), refund.requestedAmount(), refund.purchasedAt(),
                refund.deliveredAt(), refund.usage(), refund.servicePeriodStart(), refund.servicePeriodEnd(),
                refund.discountReceived()), OrderRefundPosition.none(), submission.at());
    }
}
