package io.refundledger.query.analytics.cancellation;

/** Where a cancellation request stands. Stored by name. */
public enum CancellationStatus {
    REQUESTED,
    REVOKED,
    TERMINATED
}
