package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Switch 自动续费 on or off at the customer's request.
 */
public record SwitchAutoRenewal(
        @TargetAggregateIdentifier String subscriptionId,
        boolean on) {
}
