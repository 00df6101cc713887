package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the export is ready, with where it can be fetched.
 */
public record CompleteSubscriptionDataExport(
        @TargetAggregateIdentifier String subscriptionId,
        String exportId,
        String exportReference,
        String checksum) {
}
