package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask for the customer's data to be exported before the accounts are deactivated.
 */
public record RequestSubscriptionDataExport(
        @TargetAggregateIdentifier String subscriptionId,
        String exportId,
        String format) {
}
