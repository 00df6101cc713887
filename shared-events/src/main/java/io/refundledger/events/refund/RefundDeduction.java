package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

/**
 * One line of how the refundable amount was reached, so the customer can see why it is less than paid.
 *
 * @param kind        e.g. {@code USED_SERVICE}, {@code DISCOUNT_CLAWBACK}, {@code HANDLING_FEE}, {@code ORDER_CAP}
 * @param amount      the amount deducted (positive)
 * @param explanation plain words, e.g. "12 of 30 days used"
 */
public record RefundDeduction(String kind, Money amount, String explanation) {
}
