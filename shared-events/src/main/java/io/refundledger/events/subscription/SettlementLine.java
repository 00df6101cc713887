package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

/**
 * One line of a cancellation settlement.
 *
 * @param kind        what the line is
 * @param amount      signed: positive adds to the refund, negative deducts; informational lines carry their value
 * @param explanation how the amount came about, in words a customer can check, e.g. "1200.00 CNY × 200 / 365 days"
 */
public record SettlementLine(SettlementLineKind kind, Money amount, String explanation) {
}
