package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Finance started paying the refund out; {@code attempt} counts retries after failures.
 */
@Revision("1")
public record PayoutStarted(
        String applicationId,
        String payoutId,
        Money amount,
        PayoutMethod method,
        int attempt,
        Instant startedAt) {
}
