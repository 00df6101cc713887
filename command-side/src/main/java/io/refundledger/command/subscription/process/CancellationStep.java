package io.refundledger.command.subscription.process;

/** What the cancellation process does next, in the order a cancellation goes through them. */
public enum CancellationStep {
    /** 数据导出 requested (IMMEDIATELY: at once; END_OF_TERM: on the effective date, so it holds the data to the end). */
    REQUEST_EXPORT,
    /** The export is written by the {@link SubscriptionDataExporter} and recorded as complete. */
    COMPLETE_EXPORT,
    /** 停用账号, once the export is complete. */
    DEACTIVATE_ACCOUNTS,
    /** Termination confirmed with a confirmation number, once the accounts are deactivated. */
    CONFIRM_TERMINATION,
    /** A net refund above zero opens the linked refund application. */
    OPEN_REFUND,
    /** The subscription records the refund application it was settled through. */
    RECORD_REFUND,
    /** The subscription records how the linked refund moved on (approved, paid, rejected, withdrawn). */
    RECORD_SETTLEMENT_STATUS,
    /** 数据删除, on the day after the retention period. */
    PURGE_PERSONAL_DATA,
    /** After the purge event: the subscription's key is destroyed (crypto-shredding); not a command. */
    DESTROY_KEY
}
