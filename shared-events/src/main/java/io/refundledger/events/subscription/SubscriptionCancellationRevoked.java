package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer took the cancellation back before it took effect; the subscription continues as before.
 */
@Revision("1")
public record SubscriptionCancellationRevoked(
        String subscriptionId,
        String cancellationId,
        String reasonText,
        Instant revokedAt) {
}
