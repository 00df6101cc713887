package io.refundledger.query.finance;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.query.refund.RefundProgressView;
import io.refundledger.query.refund.RefundProgressView.ExpectedAction;

import java.util.Optional;

/**
 * The lists finance works from, named after the status they show. An application is in at most one; most
 * are in none (still in review, finished). Stored by name as the {@code _id} of a membership document:
 * never rename a constant.
 */
public enum FinanceQueue {
    /** Waiting for finance's four-eyes approval. */
    AWAITING_SECOND_APPROVAL,
    /**
     * Approved but not paid: status APPROVED for a plain refund, or RETURN_RECEIVED once the returned goods
     * passed inspection (or failed it with a reduced amount still to refund).
     */
    APPROVED,
    PAYOUT_IN_PROGRESS,
    PAYOUT_FAILED;

    /** Which list the application belongs on, judged from its progress view alone. */
    public static Optional<FinanceQueue> of(RefundProgressView view) {
        if (view == null) {
            return Optional.empty();
        }
        RefundStatus status = view.status();
        if (status == RefundStatus.AWAITING_SECOND_APPROVAL) {
            return Optional.of(AWAITING_SECOND_APPROVAL);
        }
        if (status == RefundStatus.PAYOUT_IN_PROGRESS) {
            return Optional.of(PAYOUT_IN_PROGRESS);
        }
        if (status == RefundStatus.PAYOUT_FAILED) {
            return Optional.of(PAYOUT_FAILED);
        }
        boolean awaitingPayout = view.nextStep() != null && view.nextStep().action() == ExpectedAction.PAYOUT;
        if (awaitingPayout && (status == RefundStatus.APPROVED || status == RefundStatus.RETURN_RECEIVED)) {
            return Optional.of(APPROVED);
        }
        return Optional.empty();
    }
}
