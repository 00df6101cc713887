package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take a cancellation back; possible until it takes effect.
 */
public record RevokeSubscriptionCancellation(
        @TargetAggregateIdentifier String subscriptionId,
        String reasonText) {
}
