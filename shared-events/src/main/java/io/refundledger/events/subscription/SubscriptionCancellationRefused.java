package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A cancellation was asked for and refused under the contract (for example an end-of-term cancellation
 * without the notice the contract requires). Recorded so the customer and auditors see the refusal and why.
 *
 * @param code   the stable rule code, the same the API answers with
 * @param detail the rule in words, with the figures it was checked against
 */
@Revision("1")
public record SubscriptionCancellationRefused(
        String subscriptionId,
        CancellationReason reason,
        CancellationEffect effect,
        String code,
        String detail,
        Instant refusedAt) {
}
