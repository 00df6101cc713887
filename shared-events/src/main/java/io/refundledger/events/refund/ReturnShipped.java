package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer shipped the goods back (快递单号).
 */
@Revision("1")
public record ReturnShipped(
        String applicationId,
        String carrier,
        String trackingNumber,
        Instant shippedAt) {
}
