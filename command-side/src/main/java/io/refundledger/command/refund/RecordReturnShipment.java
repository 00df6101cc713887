package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer shipped the goods back (快递单号).
 */
public record RecordReturnShipment(
        @TargetAggregateIdentifier String applicationId,
        String carrier,
        String trackingNumber) {
}
