package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * 自动续费 off: the subscription will not renew when the term ends.
 *
 * @param becauseOfCancellationId the cancellation that switched it off, or null when the customer asked for it alone
 */
@Revision("1")
public record AutoRenewalSwitchedOff(
        String subscriptionId,
        String becauseOfCancellationId,
        Instant switchedAt) {
}
