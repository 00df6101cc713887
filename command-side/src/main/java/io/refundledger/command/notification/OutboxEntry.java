package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;

import java.time.Instant;
import java.util.Locale;

/**
 * One notification in the {@code notification_outbox} collection: the durable record of what the customer was
 * (to be) told, rendered once when the request was recorded, and how delivery went.
 *
 * @param attempts      delivery attempts started so far (counted when an attempt is claimed, so a crash mid-send
 *                      still uses one up)
 * @param nextAttemptAt when the entry is next due; meaningful while PENDING
 * @param lastError     why the last attempt failed, or why the entry could not be prepared
 */
public record OutboxEntry(
        String notificationId,
        String applicationId,
        NotificationChannel channel,
        String template,
        String recipientReference,
        Locale locale,
        String subject,
        String body,
        NotificationStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant requestedAt,
        Instant createdAt,
        Instant sentAt) {
}
