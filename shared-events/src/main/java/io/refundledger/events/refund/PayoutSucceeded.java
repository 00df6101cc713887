package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The money went out (已退款); the application is complete.
 */
@Revision("1")
public record PayoutSucceeded(
        String applicationId,
        String payoutId,
        Money amount,
        PayoutMethod method,
        String externalReference,
        Instant succeededAt) {
}
