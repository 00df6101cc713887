package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The export is ready.
 *
 * @param exportReference where the export can be fetched (a storage key or URL, never the data itself)
 * @param checksum        SHA-256 of the export, hex; may be null when the exporter does not give one
 */
@Revision("1")
public record SubscriptionDataExportCompleted(
        String subscriptionId,
        String exportId,
        String exportReference,
        String checksum,
        Instant completedAt) {
}
