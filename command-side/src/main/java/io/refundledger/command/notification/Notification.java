package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;

import java.util.Locale;

/**
 * What a {@link NotificationPort} delivers: an already rendered message and a resolved address.
 *
 * @param address where to deliver on {@code channel}: an e-mail address, a phone number, or the customer id for
 *                in-app messages
 */
public record Notification(
        String notificationId,
        String applicationId,
        NotificationChannel channel,
        String recipientReference,
        String address,
        Locale locale,
        String subject,
        String body) {
}
