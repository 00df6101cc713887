package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The application passed a service-level deadline and was escalated.
 */
@Revision("1")
public record RefundApplicationEscalated(
        String applicationId,
        DeadlineKind deadline,
        Instant dueAt,
        Instant escalatedAt) {
}
