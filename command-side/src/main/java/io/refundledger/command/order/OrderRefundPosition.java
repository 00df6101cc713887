package io.refundledger.command.order;

import io.refundledger.events.common.Money;

/**
 * What an order's refund ledger says right now: the paid amount it was opened with and what is set aside
 * for approved applications. An order without a ledger yet has neither ({@link #none()}).
 *
 * @param paidAmount    the paid amount recorded with the first reservation, or {@code null} when none exists
 * @param totalReserved what is set aside across the order's applications, or {@code null} when none exists
 */
public record OrderRefundPosition(Money paidAmount, Money totalReserved) {

    public static OrderRefundPosition none() {
        return new OrderRefundPosition(null, null);
    }

    public boolean exists() {
        return paidAmount != null;
    }

    /** What is reserved, as zero in {@code currency} when nothing is. */
    public Money reservedOr(String currency) {
        return totalReserved == null ? Money.zero(currency) : totalReserved;
    }
}
