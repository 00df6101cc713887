package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The number of seats (user accounts) changed; takes effect at once.
 */
@Revision("1")
public record SubscriptionSeatsChanged(
        String subscriptionId,
        int previousSeats,
        int seats,
        Instant changedAt) {
}
