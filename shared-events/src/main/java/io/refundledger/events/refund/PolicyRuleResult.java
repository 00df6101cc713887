package io.refundledger.events.refund;

/** One rule of the refund policy as it was applied, e.g. {@code REFUND_WINDOW}, with what it found. */
public record PolicyRuleResult(String rule, boolean passed, String detail) {
}
