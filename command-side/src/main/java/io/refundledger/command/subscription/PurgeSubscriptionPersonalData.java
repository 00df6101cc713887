package io.refundledger.command.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 数据删除: erase the subscription's personal data once its retention period has ended.
 */
public record PurgeSubscriptionPersonalData(
        @TargetAggregateIdentifier String subscriptionId) {
}
