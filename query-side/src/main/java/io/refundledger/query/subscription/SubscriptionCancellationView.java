package io.refundledger.query.subscription;

import io.refundledger.query.subscription.SubscriptionStatusView.CancellationView;
import io.refundledger.query.subscription.SubscriptionStatusView.CurrentOwner;
import io.refundledger.query.subscription.SubscriptionStatusView.NextStep;
import io.refundledger.query.subscription.SubscriptionStatusView.SubscriptionState;

import java.time.Instant;
import java.util.List;

/**
 * Just the cancellation progress of a subscription: the current (or final) cancellation with its steps, settlement
 * lines and linked refund, who holds it and what is next, and the cancellations revoked before it.
 */
public record SubscriptionCancellationView(
        String subscriptionId,
        String customerId,
        SubscriptionState subscriptionStatus,
        CancellationView cancellation,
        CurrentOwner currentOwner,
        NextStep nextStep,
        Instant inCurrentStepSince,
        List<CancellationView> pastCancellations,
        long lastAppliedPosition) {

    public SubscriptionCancellationView {
        pastCancellations = pastCancellations == null ? List.of() : List.copyOf(pastCancellations);
    }

    static SubscriptionCancellationView of(SubscriptionStatusView view) {
        return new SubscriptionCancellationView(view.subscriptionId(), view.customerId(), view.status(),
                view.cancellation(), view.currentOwner(), view.nextStep(), view.inCurrentStepSince(),
                view.pastCancellations(), view.lastAppliedPosition());
    }
}
