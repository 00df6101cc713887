package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NextStep;

import java.time.Instant;
import java.util.List;

/**
 * One page of a finance list, those waiting longest first.
 *
 * @param total how many applications are on the list, across all pages
 */
public record FinanceRefundListView(FinanceQueue status, int total, int offset, int limit, List<Item> items) {

    public FinanceRefundListView {
        items = List.copyOf(items);
    }

    /**
     * What finance needs to act on one application.
     *
     * @param status             its own status (RETURN_RECEIVED on the APPROVED list means inspected, awaiting payout)
     * @param amountToRefund     what is to be paid out
     * @param inCurrentStepSince since when it has waited in this step
     * @param payoutAttempts     payouts started so far
     * @param lastFailureReason  why the last payout failed, when it did
     * @param escalated          whether a deadline of this application has passed
     */
    public record Item(String applicationId, String applicationNumber, String customerId, String orderId, RefundType type,
                       RefundStatus status, MoneyView amountToRefund, PayoutMethod payoutMethod, Instant inCurrentStepSince,
                       NextStep nextStep, String assignedReviewer, int payoutAttempts, String lastFailureReason,
                       boolean escalated) {
    }
}
