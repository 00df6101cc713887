package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * For an exchange: the replacement was shipped instead of money.
 */
public record RecordReplacementShipment(
        @TargetAggregateIdentifier String applicationId,
        String carrier,
        String trackingNumber) {
}
