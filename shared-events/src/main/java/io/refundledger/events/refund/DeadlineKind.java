package io.refundledger.events.refund;

/** The service-level deadlines the refund policy sets. */
public enum DeadlineKind {
    REVIEW,
    PAYOUT
}
