package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The reviewer asked the customer for more information; review waits for the answer.
 */
@Revision("1")
public record MoreInformationRequested(
        String applicationId,
        String question,
        Instant requestedAt) {
}
