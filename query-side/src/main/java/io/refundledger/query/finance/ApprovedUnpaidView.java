package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;
import java.util.List;

/**
 * One page of the approved-but-unpaid queue, approved longest ago first.
 *
 * @param total       how many applications are in the queue, across all pages
 * @param totalToPay  what the whole queue still has to pay out, per currency
 */
public record ApprovedUnpaidView(int total, int offset, int limit, Instant asOf, List<MoneyView> totalToPay,
                                 List<Item> items) {

    public ApprovedUnpaidView {
        totalToPay = List.copyOf(totalToPay);
        items = List.copyOf(items);
    }

    /**
     * @param ageSinceApproval ISO-8601 duration since the approval, e.g. {@code PT52H30M}
     * @param ageHours         the same in whole hours, for sorting and thresholds
     * @param lastPayoutStatus the last payout attempt's status, or null before the first attempt
     */
    public record Item(String applicationId, String applicationNumber, String customerId, String orderId, RefundType type,
                       MoneyView amountToRefund, PayoutMethod payoutMethod, Instant approvedAt, String ageSinceApproval,
                       long ageHours, int payoutAttempts, PayoutStatus lastPayoutStatus, String lastFailureReason) {
    }
}
