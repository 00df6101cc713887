package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A notification to the customer was decided and handed to the notification port; delivery is
 * retried outside the application and never blocks it.
 *
 * @param recipientReference a reference to the recipient (customer id or contact id), never the address itself
 */
@Revision("1")
public record CustomerNotificationRequested(
        String applicationId,
        String notificationId,
        NotificationChannel channel,
        String template,
        String recipientReference,
        Instant requestedAt) {
}
