package io.refundledger.events.subscription;

/** The kinds of line in a cancellation settlement, in the order they are listed. Stored by name in events. */
public enum SettlementLineKind {
    /** What the customer prepaid for the current term (information; not added). */
    PREPAID_FOR_TERM,
    /** The prorated value of the unused days of the term (+). */
    UNUSED_PREPAID_VALUE,
    /** The early-termination penalty, after its cap (−). */
    EARLY_TERMINATION_PENALTY,
    /** Discounts that assumed the full term, clawed back (−). */
    DISCOUNT_CLAWBACK,
    /** Deductions beyond the refundable value are not charged here: the refund stops at zero (+). */
    FLOOR_AT_ZERO,
    /** The amount to refund (the sum of the signed lines). */
    NET_REFUND
}
