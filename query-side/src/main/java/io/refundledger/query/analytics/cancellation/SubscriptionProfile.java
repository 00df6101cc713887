package io.refundledger.query.analytics.cancellation;

/**
 * The dimensions of a subscription its cancellation events do not repeat, kept from {@code SubscriptionStarted}
 * ({@code _id} = subscription id). No personal data.
 */
public record SubscriptionProfile(String subscriptionId, String planCode, String productId, String segment,
                                  long lastAppliedPosition) {
}
