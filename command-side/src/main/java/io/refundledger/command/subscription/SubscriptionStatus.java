package io.refundledger.command.subscription;

/** Where a subscription stands, as the command API answers it after each step. */
public enum SubscriptionStatus {
    ACTIVE,
    /** A cancellation is pending: settled, not yet carried out. */
    CANCELLATION_REQUESTED,
    DATA_EXPORT_REQUESTED,
    DATA_EXPORTED,
    ACCOUNTS_DEACTIVATED,
    TERMINATED
}
