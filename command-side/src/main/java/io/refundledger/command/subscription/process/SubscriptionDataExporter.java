package io.refundledger.command.subscription.process;

/**
 * Port: exports a subscription's data (数据导出) before its accounts are deactivated. Called by the cancellation
 * process runner for the export the subscription asked for; calling it again for the same export id must be safe
 * (it may rewrite the export).
 */
public interface SubscriptionDataExporter {

    ExportedData export(String subscriptionId, String exportId);

    /**
     * @param reference where the export can be fetched (a storage key or URL, never the data itself)
     * @param sha256    SHA-256 of the export's bytes, lower-case hex
     */
    record ExportedData(String reference, String sha256) {
    }
}
