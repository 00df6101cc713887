package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * After completion, the customer rated how the refund was handled (满意度评价), 1 to 5.
 */
@Revision("1")
public record SatisfactionRated(
        String applicationId,
        int rating,
        String comment,
        Instant ratedAt) {
}
