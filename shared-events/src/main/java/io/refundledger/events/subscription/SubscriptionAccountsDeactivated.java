package io.refundledger.events.subscription;


import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * 停用账号: the subscription's user accounts can no longer sign in.
 */
@Revision("1")
public record SubscriptionAccountsDeactivated(
        String subscriptionId,
        String cancellationId,
        int accountCount,
        Instant deactivatedAt) {
}
