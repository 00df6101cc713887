package io.refundledger.query.finance;

/** Where one payout attempt stands. Stored by name in the finance read model: never rename a constant. */
public enum PayoutStatus {
    STARTED,
    SUCCEEDED,
    FAILED
}
