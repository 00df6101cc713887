package io.refundledger.command.subscription;

import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 退订: the customer asks to cancel. The cancellation id is chosen by the caller so a retry is recognised.
 */
public record RequestSubscriptionCancellation(
        @TargetAggregateIdentifier String subscriptionId,
        String cancellationId,
        CancellationReason reason,
        String reasonText,
        CancellationEffect effect) {
}
