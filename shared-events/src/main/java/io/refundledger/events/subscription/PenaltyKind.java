package io.refundledger.events.subscription;

/** How the contract's early-termination penalty (违约金) is computed. Stored by name in events. */
public enum PenaltyKind {
    NONE,
    /** A percentage of the value left in the term at cancellation. */
    PERCENT_OF_REMAINING,
    /** A fixed amount. */
    FIXED_AMOUNT
}
