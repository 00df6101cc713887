package io.refundledger.query.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundLifecycle.Whereabouts;
import io.refundledger.query.refund.RefundProgressView.CurrentOwner;
import io.refundledger.query.refund.RefundProgressView.ExpectedAction;
import io.refundledger.query.refund.RefundProgressView.InspectionView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NextStep;
import io.refundledger.query.refund.RefundProgressView.OwnerRole;
import io.refundledger.query.refund.RefundProgressView.RatingView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.escalated;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.notified;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rated;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.replacementShipped;
import static io.refundledger.query.refund.RefundEvents.resubmitted;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.returnShipped;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle rules the read models share, without a database. */
class RefundLifecycleTest {

    private static final Instant AT = Instant.parse("2026-11-23T02:15:00Z");
    private static final Instant DUE = AT.plusSeconds(86_400);
    private static final Money CNY_100 = Money.of("100", "CNY");

    @Test
    void each_event_leads_to_the_status_the_command_side_gives_it() {
        String id = "application-1";
        assertThat(RefundLifecycle.statusAfter(RefundStatus.AWAITING_INFORMATION, informationProvided(id, "ok", List.of(), AT)))
                .isEqualTo(RefundStatus.SUBMITTED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.REJECTED, resubmitted(id, "90", AT))).isEqualTo(RefundStatus.SUBMITTED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.SUBMITTED, informationRequested(id, "?", AT)))
                .isEqualTo(RefundStatus.AWAITING_INFORMATION);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.SUBMITTED, firstApproval(id, "100", AT)))
                .isEqualTo(RefundStatus.AWAITING_SECOND_APPROVAL);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.SUBMITTED, approved(id, "100", AT))).isEqualTo(RefundStatus.APPROVED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.SUBMITTED, rejected(id, AT))).isEqualTo(RefundStatus.REJECTED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.APPROVED, withdrawn(id, AT))).isEqualTo(RefundStatus.WITHDRAWN);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.APPROVED, returnAuthorized(id, AT))).isEqualTo(RefundStatus.AWAITING_RETURN);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.AWAITING_RETURN, returnShipped(id, AT))).isEqualTo(RefundStatus.RETURN_IN_TRANSIT);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.RETURN_IN_TRANSIT, returnReceived(id, AT))).isEqualTo(RefundStatus.RETURN_RECEIVED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.RETURN_RECEIVED, replacementShipped(id, AT))).isEqualTo(RefundStatus.EXCHANGED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.APPROVED, payoutStarted(id, "p", CNY_100, PayoutMethod.BANK_TRANSFER, 1, AT)))
                .isEqualTo(RefundStatus.PAYOUT_IN_PROGRESS);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.PAYOUT_IN_PROGRESS, payoutFailed(id, "p", "no", AT)))
                .isEqualTo(RefundStatus.PAYOUT_FAILED);
        assertThat(RefundLifecycle.statusAfter(RefundStatus.PAYOUT_IN_PROGRESS, payoutSucceeded(id, "p", CNY_100, PayoutMethod.BANK_TRANSFER, AT)))
                .isEqualTo(RefundStatus.PAID);
    }

    @Test
    void events_that_are_no_step_of_the_status_leave_it_alone() {
        String id = "application-1";
        for (Object event : List.of(evaluated(id, CNY_100, false, DUE, AT), assigned(id, "reviewer", null, AT),
                inspected(id, InspectionOutcome.PASSED, null, AT), rated(id, 4, AT), notified(id, "n", "t", AT),
                escalated(id, DeadlineKind.REVIEW, DUE, AT))) {
            assertThat(RefundLifecycle.statusAfter(RefundStatus.RETURN_RECEIVED, event)).as(event.toString())
                    .isEqualTo(RefundStatus.RETURN_RECEIVED);
        }
    }

    @Test
    void inspected_goods_proceed_when_something_is_left_to_refund() {
        assertThat(RefundLifecycle.inspectionLetsItProceed(InspectionOutcome.PASSED, null)).isTrue();
        assertThat(RefundLifecycle.inspectionLetsItProceed(InspectionOutcome.FAILED, new MoneyView("40.00", "CNY"))).isTrue();
        assertThat(RefundLifecycle.inspectionLetsItProceed(InspectionOutcome.FAILED, null)).isFalse();
        assertThat(RefundLifecycle.inspectionLetsItProceed(InspectionOutcome.PASSED, new MoneyView("0.00", "CNY"))).isFalse();

        MoneyView approved = new MoneyView("100.00", "CNY");
        assertThat(RefundLifecycle.refundableAfterInspection(RefundType.RETURN_AND_REFUND, approved, InspectionOutcome.PASSED, null))
                .isEqualTo(approved);
        assertThat(RefundLifecycle.refundableAfterInspection(RefundType.RETURN_AND_REFUND, approved, InspectionOutcome.FAILED, null))
                .isEqualTo(new MoneyView("0.00", "CNY"));
        assertThat(RefundLifecycle.refundableAfterInspection(RefundType.RETURN_AND_REFUND, approved, InspectionOutcome.FAILED,
                new MoneyView("40.00", "CNY"))).isEqualTo(new MoneyView("40.00", "CNY"));
    }

    @Test
    void who_holds_it_and_what_is_next_follow_the_status() {
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.SUBMITTED, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.REVIEWER, "reviewer", ExpectedAction.REVIEW, DUE));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.AWAITING_INFORMATION, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER, "customer-1", ExpectedAction.CUSTOMER_ANSWER, null));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.AWAITING_SECOND_APPROVAL, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.FINANCE, null, ExpectedAction.SECOND_APPROVAL, null));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.APPROVED, null, null, DUE))
                .isEqualTo(whereabouts(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, DUE));
        assertThat(where(RefundType.RETURN_AND_REFUND, RefundStatus.AWAITING_RETURN, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RETURN_SHIPMENT, null));
        assertThat(where(RefundType.RETURN_AND_REFUND, RefundStatus.RETURN_IN_TRANSIT, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RETURN_RECEIPT, null));
        assertThat(where(RefundType.RETURN_AND_REFUND, RefundStatus.RETURN_RECEIVED, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.REVIEWER, "reviewer", ExpectedAction.INSPECTION, null));
        assertThat(where(RefundType.RETURN_AND_REFUND, RefundStatus.RETURN_RECEIVED, passed(), null, DUE))
                .isEqualTo(whereabouts(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, DUE));
        assertThat(where(RefundType.EXCHANGE, RefundStatus.RETURN_RECEIVED, passed(), null, DUE))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER_SERVICE, null, ExpectedAction.REPLACEMENT_SHIPMENT, DUE));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.PAYOUT_IN_PROGRESS, null, null, DUE))
                .isEqualTo(whereabouts(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT_CONFIRMATION, DUE));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.PAYOUT_FAILED, null, null, DUE))
                .isEqualTo(whereabouts(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, DUE));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.PAID, null, null, DUE))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RATING, null));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.PAID, null, new RatingView(5, null, AT), DUE))
                .isEqualTo(new Whereabouts(null, null));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.REJECTED, null, null, null))
                .isEqualTo(whereabouts(OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RESUBMISSION, null));
        assertThat(where(RefundType.REFUND_ONLY, RefundStatus.WITHDRAWN, null, null, null)).isEqualTo(new Whereabouts(null, null));
    }

    private static Whereabouts where(RefundType type, RefundStatus status, InspectionView inspection, RatingView rating,
                                     Instant payoutDueBy) {
        return RefundLifecycle.whereabouts(type, status, "customer-1", "reviewer", DUE, true, inspection, rating, payoutDueBy);
    }

    private static Whereabouts whereabouts(OwnerRole role, String id, ExpectedAction action, Instant dueBy) {
        return new Whereabouts(new CurrentOwner(role, id), new NextStep(action, dueBy));
    }

    private static InspectionView passed() {
        return new InspectionView(InspectionOutcome.PASSED, null, null, AT, "reviewer");
    }
}
