package io.refundledger.query.refund;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundLifecycle.Whereabouts;
import io.refundledger.query.refund.RefundProgressView.EscalationView;
import io.refundledger.query.refund.RefundProgressView.FirstApprovalView;
import io.refundledger.query.refund.RefundProgressView.InformationRequestView;
import io.refundledger.query.refund.RefundProgressView.InspectionView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NextStep;
import io.refundledger.query.refund.RefundProgressView.NotificationView;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import io.refundledger.query.refund.RefundProgressView.PolicyEvaluationView;
import io.refundledger.query.refund.RefundProgressView.RatingView;
import io.refundledger.query.refund.RefundProgressView.ReplacementView;
import io.refundledger.query.refund.RefundProgressView.ReturnShipmentView;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RefundProgressView} being changed by one event. The projection sets what the event says; {@link #build}
 * derives who holds the application, what is next and since when, so those never disagree with the status.
 */
final class ProgressDraft {

    String applicationId;
    String applicationNumber;
    String customerId;
    String orderId;
    String productId;
    String customerSegment;
    String subscriptionId;
    RefundType type;
    RefundStatus status;
    MoneyView paidAmount;
    MoneyView requestedAmount;
    MoneyView approvedAmount;
    MoneyView amountToRefund;
    RefundReasonCategory reasonCategory;
    String reasonText;
    PayoutMethod payoutMethod;
    Instant purchasedAt;
    Instant submittedAt;
    Instant decidedAt;
    Instant lastUpdatedAt;
    String rejectionReason;
    PolicyEvaluationView policyEvaluation;
    String assignedReviewer;
    FirstApprovalView firstApproval;
    String exceptionJustification;
    Instant payoutDueBy;
    ReturnShipmentView returnShipment;
    InspectionView inspection;
    ReplacementView replacement;
    RatingView rating;
    final List<InformationRequestView> informationRequests = new ArrayList<>();
    final List<EscalationView> escalations = new ArrayList<>();
    final List<PayoutView> payouts = new ArrayList<>();
    final List<NotificationView> notifications = new ArrayList<>();
    final List<TimelineStep> timeline = new ArrayList<>();

    /** What the view said before this event, to tell whether the current step changed. */
    private NextStep previousNextStep;
    private RefundStatus previousStatus;
    private Instant inCurrentStepSince;

    static ProgressDraft from(RefundProgressView view) {
        ProgressDraft d = new ProgressDraft();
        d.applicationId = view.applicationId();
        d.applicationNumber = view.applicationNumber();
        d.customerId = view.customerId();
        d.orderId = view.orderId();
        d.productId = view.productId();
        d.customerSegment = view.customerSegment();
        d.subscriptionId = view.subscriptionId();
        d.type = view.type();
        d.status = view.status();
        d.paidAmount = view.paidAmount();
        d.requestedAmount = view.requestedAmount();
        d.approvedAmount = view.approvedAmount();
        d.amountToRefund = view.amountToRefund();
        d.reasonCategory = view.reasonCategory();
        d.reasonText = view.reasonText();
        d.payoutMethod = view.payoutMethod();
        d.purchasedAt = view.purchasedAt();
        d.submittedAt = view.submittedAt();
        d.decidedAt = view.decidedAt();
        d.lastUpdatedAt = view.lastUpdatedAt();
        d.rejectionReason = view.rejectionReason();
        d.policyEvaluation = view.policyEvaluation();
        d.assignedReviewer = view.assignedReviewer();
        d.firstApproval = view.firstApproval();
        d.exceptionJustification = view.exceptionJustification();
        d.payoutDueBy = view.payoutDueBy();
        d.returnShipment = view.returnShipment();
        d.inspection = view.inspection();
        d.replacement = view.replacement();
        d.rating = view.rating();
        d.informationRequests.addAll(view.informationRequests());
        d.escalations.addAll(view.escalations());
        d.payouts.addAll(view.payouts());
        d.notifications.addAll(view.notifications());
        d.timeline.addAll(view.timeline());
        d.previousNextStep = view.nextStep();
        d.previousStatus = view.status();
        d.inCurrentStepSince = view.inCurrentStepSince();
        return d;
    }

    /** Records a step in the timeline; its time is the application's last update. */
    void step(TimelineStep step) {
        timeline.add(step);
        lastUpdatedAt = step.at();
    }

    RefundProgressView build(long position) {
        Whereabouts whereabouts = RefundLifecycle.whereabouts(type, status, customerId, assignedReviewer,
                policyEvaluation == null ? null : policyEvaluation.reviewDueBy(), returnShipment != null,
                inspection, rating, payoutDueBy);
        NextStep next = whereabouts.nextStep();
        boolean stepChanged = status != previousStatus
                || !Objects.equals(actionOf(next), actionOf(previousNextStep))
                || inCurrentStepSince == null;
        Instant since = stepChanged ? lastUpdatedAt : inCurrentStepSince;
        return new RefundProgressView(applicationId, applicationNumber, customerId, orderId, productId,
                customerSegment, subscriptionId, type, status, paidAmount,
                requestedAmount, approvedAmount, amountToRefund, reasonCategory, reasonText, payoutMethod, purchasedAt,
                submittedAt, decidedAt, lastUpdatedAt, rejectionReason, policyEvaluation, assignedReviewer, firstApproval,
                exceptionJustification, whereabouts.owner(), next, since, payoutDueBy, informationRequests, escalations,
                returnShipment, inspection, replacement, payouts, rating, notifications, timeline, position);
    }

    private static Object actionOf(NextStep step) {
        return step == null ? null : step.action();
    }
}
