package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the refund application opened for the cancellation's net refund (sent by the process manager).
 */
public record RecordSettlementRefund(
        @TargetAggregateIdentifier String subscriptionId,
        String refundApplicationId,
        String applicationNumber,
        Money amount) {
}
