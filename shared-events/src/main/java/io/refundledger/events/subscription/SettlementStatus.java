package io.refundledger.events.subscription;

/** Where the money of a cancellation settlement stands. Stored by name in events. */
public enum SettlementStatus {
    /** The net refund is zero: nothing goes back. */
    NOTHING_DUE,
    /** A refund is due once the subscription terminates. */
    REFUND_DUE,
    /** The linked refund application is open. */
    REFUND_REQUESTED,
    REFUND_APPROVED,
    REFUND_PAID,
    REFUND_REJECTED,
    REFUND_WITHDRAWN
}
