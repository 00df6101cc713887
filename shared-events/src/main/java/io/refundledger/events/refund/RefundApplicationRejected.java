package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The reviewer rejected, with the reason the customer is shown. Who decided is in the metadata. */
@Revision("1")
public record RefundApplicationRejected(
        String applicationId,
        String reason,
        Instant rejectedAt) {
}
