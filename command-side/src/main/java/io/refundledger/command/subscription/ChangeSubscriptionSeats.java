package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change the number of seats (user accounts).
 */
public record ChangeSubscriptionSeats(
        @TargetAggregateIdentifier String subscriptionId,
        int seats) {
}
