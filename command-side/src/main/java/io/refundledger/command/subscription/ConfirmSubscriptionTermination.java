package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End the subscription under its cancellation, once it has taken effect, the data is exported and the accounts
 * are deactivated. The confirmation number is issued before the command is sent, so a retry keeps it.
 */
public record ConfirmSubscriptionTermination(
        @TargetAggregateIdentifier String subscriptionId,
        String confirmationNumber) {
}
