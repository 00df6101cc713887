package io.refundledger.query.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one refund application stands, shaped for the screens that show it: everything the customer
 * submitted, every step so far with who took it and when, why the amount is what it is, who holds the
 * application now, what is expected next and by when. Stored as-is in {@code refund_progress}.
 *
 * @param productId           the product refunded, when the application named it
 * @param customerSegment     the customer's segment, when the application named it
 * @param subscriptionId      the subscription whose cancellation this application settles (the link back), else null
 * @param amountToRefund      what will be (or was) paid out: the approved amount, or the amount inspection set
 * @param currentOwner        who holds it now; null once nothing more is expected
 * @param nextStep            what is expected next and by when; null once nothing more is expected
 * @param inCurrentStepSince  since when it has waited for {@code nextStep} (the last change of status or of next step)
 * @param payoutDueBy         when the money must go out: from the moment it became payable plus the payout deadline
 * @param lastAppliedPosition global position of the last event applied; lets the projection ignore redeliveries
 *                            and tells a client how far behind the event store this view may be
 */
public record RefundProgressView(
        String applicationId,
        String applicationNumber,
        String customerId,
        String orderId,
        String productId,
        String customerSegment,
        String subscriptionId,
        RefundType type,
        RefundStatus status,
        MoneyView paidAmount,
        MoneyView requestedAmount,
        MoneyView approvedAmount,
        MoneyView amountToRefund,
        RefundReasonCategory reasonCategory,
        String reasonText,
        PayoutMethod payoutMethod,
        Instant purchasedAt,
        Instant submittedAt,
        Instant decidedAt,
        Instant lastUpdatedAt,
        String rejectionReason,
        PolicyEvaluationView policyEvaluation,
        String assignedReviewer,
        FirstApprovalView firstApproval,
        String exceptionJustification,
        CurrentOwner currentOwner,
        NextStep nextStep,
        Instant inCurrentStepSince,
        Instant payoutDueBy,
        List<InformationRequestView> informationRequests,
        List<EscalationView> escalations,
        ReturnShipmentView returnShipment,
        InspectionView inspection,
        ReplacementView replacement,
        List<PayoutView> payouts,
        RatingView rating,
        List<NotificationView> notifications,
        List<TimelineStep> timeline,
        long lastAppliedPosition) {

    public RefundProgressView {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(status, "status");
        informationRequests = copy(informationRequests);
        escalations = copy(escalations);
        payouts = copy(payouts);
        notifications = copy(notifications);
        timeline = copy(timeline);
    }

    private static <T> List<T> copy(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    /**
     * Money as clients see it: the amount as a decimal string, so no JSON parser turns it into a binary float.
     */
    public record MoneyView(String amount, String currency) {

        public static MoneyView of(Money money) {
            return money == null ? null : new MoneyView(money.amount().toPlainString(), money.currency());
        }

        /** Not a bean getter, so it stays out of the JSON. */
        public Money toMoney() {
            return new Money(new BigDecimal(amount), currency);
        }
    }

    /**
     * One thing that happened to the application.
     *
     * @param detail what the customer or staff wrote with it (reason, note, question), or a summary of it
     * @param actor  who did it, from the event's metadata ({@code actor}); null when the event does not say
     */
    public record TimelineStep(ProgressStep step, Instant at, String detail, String actor) {
    }

    /** The kinds of step a timeline shows. Stored by name: never rename a constant. */
    public enum ProgressStep {
        SUBMITTED,
        APPROVED,
        REJECTED,
        POLICY_EVALUATED,
        ASSIGNED,
        INFORMATION_REQUESTED,
        INFORMATION_PROVIDED,
        FIRST_APPROVAL_GIVEN,
        RESUBMITTED,
        WITHDRAWN,
        RETURN_AUTHORIZED,
        RETURN_SHIPPED,
        RETURN_RECEIVED,
        RETURN_INSPECTED,
        REPLACEMENT_SHIPPED,
        PAYOUT_STARTED,
        PAYOUT_FAILED,
        PAYOUT_SUCCEEDED,
        RATED,
        ESCALATED
    }

    /**
     * The refund policy as it was applied to the (last) submission: the customer sees why the amount is less
     * than paid, the reviewer sees which rule failed.
     */
    public record PolicyEvaluationView(
            String policyVersion,
            boolean withinPolicy,
            List<RuleResultView> rules,
            MoneyView eligibleAmount,
            List<DeductionView> deductions,
            boolean secondApprovalRequired,
            Instant reviewDueBy,
            Instant evaluatedAt) {

        public PolicyEvaluationView {
            rules = copy(rules);
            deductions = copy(deductions);
        }
    }

    public record RuleResultView(String rule, boolean passed, String detail) {
    }

    public record DeductionView(String kind, MoneyView amount, String explanation) {
    }

    /** The reviewer's approval of an application that also needs finance's (four-eyes). */
    public record FirstApprovalView(MoneyView approvedAmount, String approvedBy, String note,
                                    String exceptionJustification, Instant approvedAt) {
    }

    /** Who has to act. {@code id} is the reviewer or customer id when one person is meant, else null (a team). */
    public record CurrentOwner(OwnerRole role, String id) {
    }

    public enum OwnerRole {
        REVIEWER,
        CUSTOMER,
        CUSTOMER_SERVICE,
        FINANCE
    }

    /** What is expected next and, when a service-level deadline applies, by when. */
    public record NextStep(ExpectedAction action, Instant dueBy) {
    }

    /** Stored by name: never rename a constant. */
    public enum ExpectedAction {
        /** A reviewer decides (approve, reject, ask for information), by the policy's review deadline. */
        REVIEW,
        CUSTOMER_ANSWER,
        SECOND_APPROVAL,
        /** Approved return or exchange waiting for its return authorisation. */
        RETURN_AUTHORIZATION,
        RETURN_SHIPMENT,
        RETURN_RECEIPT,
        INSPECTION,
        /** Inspection failed without a reduced amount: a reviewer decides what happens. */
        DECISION_AFTER_INSPECTION,
        REPLACEMENT_SHIPMENT,
        /** Finance pays out (first attempt or retry), by the payout deadline. */
        PAYOUT,
        /** A payout is under way; its outcome is awaited, by the same deadline. */
        PAYOUT_CONFIRMATION,
        RATING,
        /** Rejected: the customer may amend and resubmit. */
        RESUBMISSION
    }

    public record InformationRequestView(String question, Instant requestedAt, String requestedBy, String answer,
                                         List<String> attachmentReferences, Instant answeredAt, String answeredBy) {

        public InformationRequestView {
            attachmentReferences = copy(attachmentReferences);
        }
    }

    public record EscalationView(DeadlineKind deadline, Instant dueAt, Instant escalatedAt) {
    }

    public record ReturnShipmentView(String returnAuthorizationNumber, String returnAddress, Instant authorizedAt,
                                     String carrier, String trackingNumber, Instant shippedAt, Instant receivedAt) {
    }

    public record InspectionView(InspectionOutcome outcome, String notes, MoneyView adjustedAmount,
                                 Instant inspectedAt, String inspectedBy) {
    }

    public record ReplacementView(String carrier, String trackingNumber, Instant shippedAt) {
    }

    /** One payout attempt. */
    public record PayoutView(String payoutId, int attempt, MoneyView amount, PayoutMethod method, PayoutState state,
                             String externalReference, String failureReason, Instant startedAt, Instant finishedAt) {
    }

    public enum PayoutState {
        IN_PROGRESS,
        SUCCEEDED,
        FAILED
    }

    public record RatingView(int rating, String comment, Instant ratedAt) {
    }

    /** A notification handed to the notification port (delivery happens outside the application). */
    public record NotificationView(String notificationId, NotificationChannel channel, String template,
                                   String recipientReference, Instant requestedAt) {
    }
}
