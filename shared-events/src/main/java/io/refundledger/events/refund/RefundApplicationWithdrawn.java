package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer side withdrew the application before payout.
 */
@Revision("1")
public record RefundApplicationWithdrawn(
        String applicationId,
        String reason,
        Instant withdrawnAt) {
}
