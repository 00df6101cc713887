package io.refundledger.query.subscription;

/** "Where does this subscription stand?" */
public record FindSubscriptionStatus(String subscriptionId) {

    public FindSubscriptionStatus {
        subscriptionId = SubscriptionQueries.required(subscriptionId, "subscriptionId");
    }
}
