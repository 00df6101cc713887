package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The payout failed; finance may retry it.
 */
@Revision("1")
public record PayoutFailed(
        String applicationId,
        String payoutId,
        String reason,
        Instant failedAt) {
}
