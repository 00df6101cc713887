package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * 自动续费 on: the subscription renews when the term ends.
 */
@Revision("1")
public record AutoRenewalSwitchedOn(
        String subscriptionId,
        Instant switchedAt) {
}
