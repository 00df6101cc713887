package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 停用账号: deactivate the subscription's user accounts (only once the data export is complete).
 */
public record DeactivateSubscriptionAccounts(
        @TargetAggregateIdentifier String subscriptionId) {
}
