package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The returned goods arrived at the warehouse (验收).
 */
@Revision("1")
public record ReturnReceived(
        String applicationId,
        Instant receivedAt) {
}
