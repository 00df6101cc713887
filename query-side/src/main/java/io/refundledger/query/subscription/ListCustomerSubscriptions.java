package io.refundledger.query.subscription;

/** "Which subscriptions does this customer have, and where does each stand?" */
public record ListCustomerSubscriptions(String customerId) {

    public ListCustomerSubscriptions {
        customerId = SubscriptionQueries.required(customerId, "customerId");
    }
}
