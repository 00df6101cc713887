package io.refundledger.query.subscription;

/** "How far has this subscription's cancellation got?" */
public record FindSubscriptionCancellation(String subscriptionId) {

    public FindSubscriptionCancellation {
        subscriptionId = SubscriptionQueries.required(subscriptionId, "subscriptionId");
    }
}
