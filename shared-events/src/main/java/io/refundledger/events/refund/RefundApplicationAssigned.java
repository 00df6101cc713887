package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The application was assigned (or reassigned) to a reviewer. Who assigned it is in the metadata.
 */
@Revision("1")
public record RefundApplicationAssigned(
        String applicationId,
        String reviewerId,
        String previousReviewerId,
        Instant assignedAt) {
}
