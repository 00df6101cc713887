package io.refundledger.command.subscription;

/**
 * The subscription's contact person: personal data. Never stored in plain text in an event.
 */
public record SubscriptionContact(
        String name,
        String email,
        String phone) {
}
