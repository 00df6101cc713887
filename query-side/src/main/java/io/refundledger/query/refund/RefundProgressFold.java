package io.refundledger.query.refund;

import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.query.refund.RefundProgressView.DeductionView;
import io.refundledger.query.refund.RefundProgressView.EscalationView;
import io.refundledger.query.refund.RefundProgressView.FirstApprovalView;
import io.refundledger.query.refund.RefundProgressView.InformationRequestView;
import io.refundledger.query.refund.RefundProgressView.InspectionView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NotificationView;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import io.refundledger.query.refund.RefundProgressView.PolicyEvaluationView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.RatingView;
import io.refundledger.query.refund.RefundProgressView.ReplacementView;
import io.refundledger.query.refund.RefundProgressView.ReturnShipmentView;
import io.refundledger.query.refund.RefundProgressView.RuleResultView;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;

import java.time.Duration;
import java.util.List;

/**
 * What one refund event does to a {@link RefundProgressView}, without any storage: the projection folds events
 * into the stored view with it, and the audit side folds a history into the view as it stood at any moment.
 */
public final class RefundProgressFold {

    private final Duration payoutDeadline;

    public RefundProgressFold(Duration payoutDeadline) {
        this.payoutDeadline = payoutDeadline;
    }

    /** Whether {@code event} changes a progress view at all (order-ledger events, for one, do not). */
    public static boolean isProgressEvent(Object event) {
        return event instanceof RefundApplicationSubmitted || event instanceof RefundPolicyEvaluated
                || event instanceof RefundApplicationAssigned || event instanceof MoreInformationRequested
                || event instanceof MoreInformationProvided || event instanceof FirstApprovalGiven
                || event instanceof RefundApplicationApproved || event instanceof RefundApplicationRejected
                || event instanceof RefundApplicationResubmitted || event instanceof RefundApplicationWithdrawn
                || event instanceof ReturnAuthorized || event instanceof ReturnShipped || event instanceof ReturnReceived
                || event instanceof ReturnInspected || event instanceof ReplacementShipped || event instanceof PayoutStarted
                || event instanceof PayoutFailed || event instanceof PayoutSucceeded || event instanceof SatisfactionRated
                || event instanceof CustomerNotificationRequested || event instanceof RefundApplicationEscalated;
    }

    /**
     * The view after {@code event}, marked as applied up to {@code position}.
     *
     * @param current the view before; null only for the submission, which starts a view
     * @param actor   who caused the event (metadata), null for the system
     * @return {@code current} unchanged for an event that is not about progress
     * @throws IllegalStateException for a follow-up event without a view (its submission was never applied)
     */
    public RefundProgressView apply(RefundProgressView current, Object event, String actor, long position) {
        if (event instanceof RefundApplicationSubmitted submitted) {
            return start(submitted, actor).build(position);
        }
        if (!isProgressEvent(event)) {
            return current;
        }
        if (current == null) {
            throw new IllegalStateException("No progress view to apply " + event.getClass().getSimpleName()
                    + " at position " + position + " to; its submission must have been applied first");
        }
        ProgressDraft d = ProgressDraft.from(current);
        d.status = RefundLifecycle.statusAfter(current.status(), event);
        change(d, event, actor);
        return d.build(position);
    }

    private static ProgressDraft start(RefundApplicationSubmitted event, String actor) {
        ProgressDraft d = new ProgressDraft();
        d.applicationId = event.applicationId();
        d.applicationNumber = event.applicationNumber();
        d.customerId = event.customerId();
        d.orderId = event.orderId();
        d.productId = event.productId();
        d.customerSegment = event.customerSegment();
        d.subscriptionId = event.subscriptionId();
        d.type = event.type();
        d.status = RefundLifecycle.statusAfter(null, event);
        d.paidAmount = MoneyView.of(event.paidAmount());
        d.requestedAmount = MoneyView.of(event.requestedAmount());
        d.reasonCategory = event.reasonCategory();
        d.reasonText = event.reasonText();
        d.payoutMethod = event.payoutMethod();
        d.purchasedAt = event.purchasedAt();
        d.submittedAt = event.submittedAt();
        d.step(new TimelineStep(ProgressStep.SUBMITTED, event.submittedAt(), event.reasonText(), actor));
        return d;
    }

    private void change(ProgressDraft d, Object event, String actor) {
        if (event instanceof RefundPolicyEvaluated e) {
            policyEvaluated(d, e, actor);
        } else if (event instanceof RefundApplicationAssigned e) {
            assigned(d, e, actor);
        } else if (event instanceof MoreInformationRequested e) {
            informationRequested(d, e, actor);
        } else if (event instanceof MoreInformationProvided e) {
            informationProvided(d, e, actor);
        } else if (event instanceof FirstApprovalGiven e) {
            firstApproval(d, e, actor);
        } else if (event instanceof RefundApplicationApproved e) {
            approved(d, e, actor);
        } else if (event instanceof RefundApplicationRejected e) {
            d.rejectionReason = e.reason();
            d.decidedAt = e.rejectedAt();
            d.step(new TimelineStep(ProgressStep.REJECTED, e.rejectedAt(), e.reason(), actor));
        } else if (event instanceof RefundApplicationResubmitted e) {
            resubmitted(d, e, actor);
        } else if (event instanceof RefundApplicationWithdrawn e) {
            d.step(new TimelineStep(ProgressStep.WITHDRAWN, e.withdrawnAt(), e.reason(), actor));
        } else if (event instanceof ReturnAuthorized e) {
            d.returnShipment = new ReturnShipmentView(e.returnAuthorizationNumber(), e.returnAddress(),
                    e.authorizedAt(), null, null, null, null);
            d.step(new TimelineStep(ProgressStep.RETURN_AUTHORIZED, e.authorizedAt(),
                    e.returnAuthorizationNumber() + ": send to " + e.returnAddress(), actor));
        } else if (event instanceof ReturnShipped e) {
            ReturnShipmentView r = returnOf(d);
            d.returnShipment = new ReturnShipmentView(r.returnAuthorizationNumber(), r.returnAddress(), r.authorizedAt(),
                    e.carrier(), e.trackingNumber(), e.shippedAt(), r.receivedAt());
            d.step(new TimelineStep(ProgressStep.RETURN_SHIPPED, e.shippedAt(), e.carrier() + " " + e.trackingNumber(), actor));
        } else if (event instanceof ReturnReceived e) {
            ReturnShipmentView r = returnOf(d);
            d.returnShipment = new ReturnShipmentView(r.returnAuthorizationNumber(), r.returnAddress(), r.authorizedAt(),
                    r.carrier(), r.trackingNumber(), r.shippedAt(), e.receivedAt());
            d.step(new TimelineStep(ProgressStep.RETURN_RECEIVED, e.receivedAt(), null, actor));
        } else if (event instanceof ReturnInspected e) {
            inspected(d, e, actor);
        } else if (event instanceof ReplacementShipped e) {
            d.replacement = new ReplacementView(e.carrier(), e.trackingNumber(), e.shippedAt());
            d.step(new TimelineStep(ProgressStep.REPLACEMENT_SHIPPED, e.shippedAt(), e.carrier() + " " + e.trackingNumber(), actor));
        } else if (event instanceof PayoutStarted e) {
            putPayout(d.payouts, new PayoutView(e.payoutId(), e.attempt(), MoneyView.of(e.amount()), e.method(),
                    PayoutState.IN_PROGRESS, null, null, e.startedAt(), null));
            d.step(new TimelineStep(ProgressStep.PAYOUT_STARTED, e.startedAt(),
                    "Attempt " + e.attempt() + ": " + e.amount() + " by " + e.method(), actor));
        } else if (event instanceof PayoutFailed e) {
            PayoutView p = payoutOf(d, e.payoutId());
            putPayout(d.payouts, new PayoutView(p.payoutId(), p.attempt(), p.amount(), p.method(), PayoutState.FAILED,
                    null, e.reason(), p.startedAt(), e.failedAt()));
            d.step(new TimelineStep(ProgressStep.PAYOUT_FAILED, e.failedAt(), e.reason(), actor));
        } else if (event instanceof PayoutSucceeded e) {
            PayoutView p = payoutOf(d, e.payoutId());
            putPayout(d.payouts, new PayoutView(e.payoutId(), p.attempt(), MoneyView.of(e.amount()), e.method(),
                    PayoutState.SUCCEEDED, e.externalReference(), null, p.startedAt(), e.succeededAt()));
            d.step(new TimelineStep(ProgressStep.PAYOUT_SUCCEEDED, e.succeededAt(),
                    e.amount() + " by " + e.method() + ", reference " + e.externalReference(), actor));
        } else if (event instanceof SatisfactionRated e) {
            d.rating = new RatingView(e.rating(), e.comment(), e.ratedAt());
            d.step(new TimelineStep(ProgressStep.RATED, e.ratedAt(),
                    e.rating() + "/5" + (e.comment() == null ? "" : ": " + e.comment()), actor));
        } else if (event instanceof CustomerNotificationRequested e) {
            // Not a step of the application: listed on its own, and it leaves lastUpdatedAt alone.
            d.notifications.add(new NotificationView(e.notificationId(), e.channel(), e.template(),
                    e.recipientReference(), e.requestedAt()));
        } else if (event instanceof RefundApplicationEscalated e) {
            d.escalations.add(new EscalationView(e.deadline(), e.dueAt(), e.escalatedAt()));
            d.step(new TimelineStep(ProgressStep.ESCALATED, e.escalatedAt(),
                    e.deadline() + " deadline " + e.dueAt() + " passed", actor));
        }
    }

    private static void policyEvaluated(ProgressDraft d, RefundPolicyEvaluated event, String actor) {
        d.policyEvaluation = new PolicyEvaluationView(event.policyVersion(), event.withinPolicy(),
                event.rules() == null ? List.of() : event.rules().stream()
                        .map(rule -> new RuleResultView(rule.rule(), rule.passed(), rule.detail())).toList(),
                MoneyView.of(event.eligibleAmount()),
                event.deductions() == null ? List.of() : event.deductions().stream()
                        .map(line -> new DeductionView(line.kind(), MoneyView.of(line.amount()), line.explanation())).toList(),
                event.secondApprovalRequired(), event.reviewDueBy(), event.evaluatedAt());
        String summary = "Policy " + event.policyVersion() + (event.withinPolicy() ? ": within policy" : ": outside policy")
                + (event.eligibleAmount() == null ? "" : ", eligible " + event.eligibleAmount())
                + (event.secondApprovalRequired() ? ", needs second approval" : "");
        d.step(new TimelineStep(ProgressStep.POLICY_EVALUATED, event.evaluatedAt(), summary, actor));
    }

    private static void assigned(ProgressDraft d, RefundApplicationAssigned event, String actor) {
        d.assignedReviewer = event.reviewerId();
        String detail = event.previousReviewerId() == null
                ? "Assigned to " + event.reviewerId()
                : "Reassigned from " + event.previousReviewerId() + " to " + event.reviewerId();
        d.step(new TimelineStep(ProgressStep.ASSIGNED, event.assignedAt(), detail, actor));
    }

    private static void informationRequested(ProgressDraft d, MoreInformationRequested event, String actor) {
        d.informationRequests.add(new InformationRequestView(event.question(), event.requestedAt(), actor,
                null, List.of(), null, null));
        d.step(new TimelineStep(ProgressStep.INFORMATION_REQUESTED, event.requestedAt(), event.question(), actor));
    }

    private static void informationProvided(ProgressDraft d, MoreInformationProvided event, String actor) {
        int open = lastUnanswered(d.informationRequests);
        if (open >= 0) {
            InformationRequestView asked = d.informationRequests.get(open);
            d.informationRequests.set(open, new InformationRequestView(asked.question(), asked.requestedAt(),
                    asked.requestedBy(), event.answer(), event.attachmentReferences(), event.providedAt(), actor));
        } else {
            // An answer without a recorded question still belongs in the record.
            d.informationRequests.add(new InformationRequestView(null, null, null, event.answer(),
                    event.attachmentReferences(), event.providedAt(), actor));
        }
        int attachments = event.attachmentReferences() == null ? 0 : event.attachmentReferences().size();
        d.step(new TimelineStep(ProgressStep.INFORMATION_PROVIDED, event.providedAt(),
                event.answer() + (attachments == 0 ? "" : " (" + attachments + " attachment" + (attachments == 1 ? ")" : "s)")),
                actor));
    }

    private static void firstApproval(ProgressDraft d, FirstApprovalGiven event, String actor) {
        d.firstApproval = new FirstApprovalView(MoneyView.of(event.approvedAmount()), actor, event.note(),
                event.exceptionJustification(), event.approvedAt());
        d.amountToRefund = MoneyView.of(event.approvedAmount());
        d.step(new TimelineStep(ProgressStep.FIRST_APPROVAL_GIVEN, event.approvedAt(), event.note(), actor));
    }

    private void approved(ProgressDraft d, RefundApplicationApproved event, String actor) {
        d.approvedAmount = MoneyView.of(event.approvedAmount());
        d.amountToRefund = d.approvedAmount;
        d.decidedAt = event.approvedAt();
        d.rejectionReason = null;
        d.exceptionJustification = event.exceptionJustification();
        if (d.type == RefundType.REFUND_ONLY || d.type == null) {
            // Payable from now; returns become payable when the goods pass inspection.
            d.payoutDueBy = event.approvedAt().plus(payoutDeadline);
        }
        d.step(new TimelineStep(ProgressStep.APPROVED, event.approvedAt(), event.note(), actor));
    }

    private static void resubmitted(ProgressDraft d, RefundApplicationResubmitted event, String actor) {
        d.requestedAmount = MoneyView.of(event.requestedAmount());
        d.reasonCategory = event.reasonCategory();
        d.reasonText = event.reasonText();
        // A new review of the amended application: the earlier decision and evaluation stay in the timeline only.
        d.rejectionReason = null;
        d.decidedAt = null;
        d.approvedAmount = null;
        d.amountToRefund = null;
        d.firstApproval = null;
        d.exceptionJustification = null;
        d.policyEvaluation = null;
        d.payoutDueBy = null;
        d.step(new TimelineStep(ProgressStep.RESUBMITTED, event.resubmittedAt(), event.amendmentNote(), actor));
    }

    private void inspected(ProgressDraft d, ReturnInspected event, String actor) {
        MoneyView adjusted = MoneyView.of(event.adjustedAmount());
        d.inspection = new InspectionView(event.outcome(), event.notes(), adjusted, event.inspectedAt(), actor);
        d.amountToRefund = RefundLifecycle.refundableAfterInspection(d.type, d.amountToRefund, event.outcome(), adjusted);
        if (RefundLifecycle.inspectionLetsItProceed(event.outcome(), adjusted)) {
            // The goods are back and good enough: from now on the money (or the replacement) is due.
            d.payoutDueBy = event.inspectedAt().plus(payoutDeadline);
        }
        d.step(new TimelineStep(ProgressStep.RETURN_INSPECTED, event.inspectedAt(),
                event.outcome() + (event.notes() == null ? "" : ": " + event.notes())
                        + (adjusted == null ? "" : " (refund " + event.adjustedAmount() + ")"),
                actor));
    }

    private static ReturnShipmentView returnOf(ProgressDraft d) {
        return d.returnShipment != null ? d.returnShipment : new ReturnShipmentView(null, null, null, null, null, null, null);
    }

    private static PayoutView payoutOf(ProgressDraft d, String payoutId) {
        return d.payouts.stream().filter(p -> p.payoutId().equals(payoutId)).findFirst()
                .orElse(new PayoutView(payoutId, d.payouts.size() + 1, null, null, null, null, null, null, null));
    }

    private static void putPayout(List<PayoutView> payouts, PayoutView payout) {
        for (int i = 0; i < payouts.size(); i++) {
            if (payouts.get(i).payoutId().equals(payout.payoutId())) {
                payouts.set(i, payout);
                return;
            }
        }
        payouts.add(payout);
    }

    private static int lastUnanswered(List<InformationRequestView> requests) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).answeredAt() == null) {
                return i;
            }
        }
        return -1;
    }
}
