package io.refundledger.query.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.query.refund.RefundProgressView.CurrentOwner;
import io.refundledger.query.refund.RefundProgressView.ExpectedAction;
import io.refundledger.query.refund.RefundProgressView.InspectionView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NextStep;
import io.refundledger.query.refund.RefundProgressView.OwnerRole;
import io.refundledger.query.refund.RefundProgressView.RatingView;

import java.time.Instant;

/**
 * How the query side reads the refund lifecycle from the events: the status each event leads to, and from
 * the state of an application who holds it and what is expected next. Pure, so every read model that needs
 * a status derives the same one.
 */
public final class RefundLifecycle {

    private RefundLifecycle() {
    }

    /**
     * The status after {@code event}; the current one when the event does not change it (policy evaluation,
     * assignment, inspection, rating, notification, escalation).
     */
    public static RefundStatus statusAfter(RefundStatus current, Object event) {
        if (event instanceof RefundApplicationSubmitted || event instanceof RefundApplicationResubmitted
                || event instanceof MoreInformationProvided) {
            return RefundStatus.SUBMITTED; // 待审核: review (re)starts
        }
        if (event instanceof MoreInformationRequested) {
            return RefundStatus.AWAITING_INFORMATION;
        }
        if (event instanceof FirstApprovalGiven) {
            return RefundStatus.AWAITING_SECOND_APPROVAL;
        }
        if (event instanceof RefundApplicationApproved) {
            return RefundStatus.APPROVED;
        }
        if (event instanceof RefundApplicationRejected) {
            return RefundStatus.REJECTED;
        }
        if (event instanceof RefundApplicationWithdrawn) {
            return RefundStatus.WITHDRAWN;
        }
        if (event instanceof ReturnAuthorized) {
            return RefundStatus.AWAITING_RETURN;
        }
        if (event instanceof ReturnShipped) {
            return RefundStatus.RETURN_IN_TRANSIT;
        }
        if (event instanceof ReturnReceived) {
            return RefundStatus.RETURN_RECEIVED;
        }
        if (event instanceof ReplacementShipped) {
            return RefundStatus.EXCHANGED;
        }
        if (event instanceof PayoutStarted) {
            return RefundStatus.PAYOUT_IN_PROGRESS;
        }
        if (event instanceof PayoutFailed) {
            return RefundStatus.PAYOUT_FAILED;
        }
        if (event instanceof PayoutSucceeded) {
            return RefundStatus.PAID;
        }
        return current;
    }

    /**
     * Whether inspected goods let the application go on to its refund or replacement, as the command side
     * decides it: an adjusted amount when one was set must leave something to refund; without one, the goods
     * must have passed. Otherwise nothing is left to pay and a reviewer decides what happens.
     */
    public static boolean inspectionLetsItProceed(InspectionOutcome outcome, MoneyView adjustedAmount) {
        return adjustedAmount != null ? adjustedAmount.toMoney().isPositive() : outcome == InspectionOutcome.PASSED;
    }

    /**
     * What is left to refund after inspection, as the command side decides it: the adjusted amount when one was
     * set, else the approved amount after a pass and nothing after a failure. An exchange refunds no money.
     */
    public static MoneyView refundableAfterInspection(RefundType type, MoneyView approved, InspectionOutcome outcome,
                                                      MoneyView adjustedAmount) {
        if (type == RefundType.EXCHANGE || approved == null) {
            return adjustedAmount != null ? adjustedAmount : approved;
        }
        if (adjustedAmount != null) {
            return adjustedAmount;
        }
        return outcome == InspectionOutcome.PASSED ? approved : MoneyView.of(Money.zero(approved.currency()));
    }

    /** Who holds an application and what it waits for. Both null once nothing more is expected. */
    public record Whereabouts(CurrentOwner owner, NextStep nextStep) {

        static final Whereabouts DONE = new Whereabouts(null, null);

        static Whereabouts of(OwnerRole role, String id, ExpectedAction action, Instant dueBy) {
            return new Whereabouts(new CurrentOwner(role, id), new NextStep(action, dueBy));
        }
    }

    /**
     * @param assignedReviewer null while unassigned: then the review team holds it
     * @param reviewDueBy      the policy's review deadline, null before the policy was evaluated
     * @param payoutDueBy      set once the application became payable
     */
    public static Whereabouts whereabouts(RefundType type, RefundStatus status, String customerId, String assignedReviewer,
                                          Instant reviewDueBy, boolean returnAuthorized, InspectionView inspection,
                                          RatingView rating, Instant payoutDueBy) {
        return switch (status) {
            case SUBMITTED -> Whereabouts.of(OwnerRole.REVIEWER, assignedReviewer, ExpectedAction.REVIEW, reviewDueBy);
            case AWAITING_INFORMATION -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.CUSTOMER_ANSWER, null);
            case AWAITING_SECOND_APPROVAL -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.SECOND_APPROVAL, null);
            case APPROVED -> needsGoodsBack(type) && !returnAuthorized
                    ? Whereabouts.of(OwnerRole.REVIEWER, assignedReviewer, ExpectedAction.RETURN_AUTHORIZATION, null)
                    : Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDueBy);
            case AWAITING_RETURN -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.RETURN_SHIPMENT, null);
            case RETURN_IN_TRANSIT -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.RETURN_RECEIPT, null);
            case RETURN_RECEIVED -> afterReceipt(type, assignedReviewer, inspection, payoutDueBy);
            case PAYOUT_IN_PROGRESS -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT_CONFIRMATION, payoutDueBy);
            case PAYOUT_FAILED -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDueBy);
            case PAID, EXCHANGED -> rating == null
                    ? Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.RATING, null)
                    : Whereabouts.DONE;
            case REJECTED -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.RESUBMISSION, null);
            case WITHDRAWN -> Whereabouts.DONE;
        };
    }

    private static Whereabouts afterReceipt(RefundType type, String assignedReviewer, InspectionView inspection,
                                            Instant payoutDueBy) {
        if (inspection == null) {
            return Whereabouts.of(OwnerRole.REVIEWER, assignedReviewer, ExpectedAction.INSPECTION, null);
        }
        if (!inspectionLetsItProceed(inspection.outcome(), inspection.adjustedAmount())) {
            return Whereabouts.of(OwnerRole.REVIEWER, assignedReviewer, ExpectedAction.DECISION_AFTER_INSPECTION, null);
        }
        return type == RefundType.EXCHANGE
                ? Whereabouts.of(OwnerRole.CUSTOMER_SERVICE, null, ExpectedAction.REPLACEMENT_SHIPMENT, payoutDueBy)
                : Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDueBy);
    }

    public static boolean needsGoodsBack(RefundType type) {
        return type == RefundType.RETURN_AND_REFUND || type == RefundType.EXCHANGE;
    }
}
