package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * For an exchange (换货): the replacement was shipped instead of money; the application is complete.
 */
@Revision("1")
public record ReplacementShipped(
        String applicationId,
        String carrier,
        String trackingNumber,
        Instant shippedAt) {
}
