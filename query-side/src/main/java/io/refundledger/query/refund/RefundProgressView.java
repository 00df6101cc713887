package io.refundledger.query.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one refund application stands, shaped for the screens that show it: everything the customer
 * submitted, the decision so far, and the steps it went through. Stored as-is in {@code refund_progress}.
 *
 * @param lastAppliedPosition global position of the last event applied; lets the projection ignore redeliveries
 *                            and tells a client how far behind the event store this view may be
 */
public record RefundProgressView(
        String applicationId,
        String applicationNumber,
        String customerId,
        String orderId,
        RefundType type,
        RefundStatus status,
        MoneyView paidAmount,
        MoneyView requestedAmount,
        MoneyView approvedAmount,
        RefundReasonCategory reasonCategory,
        String reasonText,
        PayoutMethod payoutMethod,
        Instant purchasedAt,
        Instant submittedAt,
        Instant decidedAt,
        Instant lastUpdatedAt,
        String rejectionReason,
        List<TimelineStep> timeline,
        long lastAppliedPosition) {

    public RefundProgressView {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(status, "status");
        timeline = List.copyOf(timeline);
    }

    /**
     * Money as clients see it: the amount as a decimal string, so no JSON parser turns it into a binary float.
     */
    public record MoneyView(String amount, String currency) {

        public static MoneyView of(Money money) {
            return money == null ? null : new MoneyView(money.amount().toPlainString(), money.currency());
        }
    }

    /**
     * One thing that happened to the application.
     *
     * @param detail what the customer or reviewer wrote with it (reason, note), if anything
     * @param actor  who did it, when the event's metadata says so
     */
    public record TimelineStep(ProgressStep step, Instant at, String detail, String actor) {
    }

    /** The kinds of step a timeline shows. Stored by name: never rename a constant. */
    public enum ProgressStep {
        SUBMITTED,
        APPROVED,
        REJECTED
    }
}
