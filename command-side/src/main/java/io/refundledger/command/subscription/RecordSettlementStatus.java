package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.SettlementStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record where the linked refund stands (sent by the process manager as the refund moves on).
 */
public record RecordSettlementStatus(
        @TargetAggregateIdentifier String subscriptionId,
        String refundApplicationId,
        SettlementStatus status,
        Money amount) {
}
