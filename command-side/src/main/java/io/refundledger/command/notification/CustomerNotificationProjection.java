package io.refundledger.command.notification;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns each {@link CustomerNotificationRequested} into an outbox entry, rendered in the customer's language,
 * and keeps the few {@link ApplicationFacts} the templates mention.
 *
 * <p>Redelivery is harmless: the outbox entry's {@code _id} is the notification id, so a request already recorded
 * is never recorded (or sent) again, and facts are written by position. Events of one application reach this
 * handler in order (one segment per aggregate), so the facts an application's notification needs were recorded
 * by the events before it.
 *
 * <p>Nothing here talks to the outside world: delivery is the {@link NotificationDispatcher}'s job, later, so a
 * notification problem never holds up the processor or the refund.
 */
@ProcessingGroup(CustomerNotificationProjection.PROCESSING_GROUP)
public class CustomerNotificationProjection {

    public static final String PROCESSING_GROUP = "customer-notifications";

    private final NotificationOutbox outbox;
    private final ApplicationFacts facts;
    private final NotificationTemplates templates;
    private final RecipientDirectory recipients;
    private final Clock clock;

    public CustomerNotificationProjection(NotificationOutbox outbox, ApplicationFacts facts, NotificationTemplates templates,
                                          RecipientDirectory recipients, Clock clock) {
        this.outbox = outbox;
        this.facts = facts;
        this.templates = templates;
        this.recipients = recipients;
        this.clock = clock;
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of(
                "applicationNumber", event.applicationNumber(),
                "requestedAmount", amount(event.requestedAmount())));
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of("requestedAmount", amount(event.requestedAmount())));
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of("approvedAmount", amount(event.approvedAmount())));
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of("rejectionReason", text(event.reason())));
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of("question", text(event.question())));
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        facts.record(event.applicationId(), positionOf(token), Map.of("paidAmount", amount(event.amount())));
    }

    /**
     * Not during a replay: replaying history must never queue old notifications to customers again (the outbox
     * may have been cleaned up since). The facts above do replay, harmlessly.
     */
    @EventHandler
    @DisallowReplay
    void on(CustomerNotificationRequested event) {
        var existing = outbox.find(event.notificationId());
        if (existing.isPresent()) {
            // Delivered again after a crash: the entry stands; make sure a pending one is in the due index (the
            // crash may have come between the two writes).
            if (existing.get().status() == NotificationStatus.PENDING) {
                outbox.indexAsDue(event.notificationId(), existing.get().nextAttemptAt());
            }
            return;
        }
        Instant now = clock.instant();
        Map<String, String> values = new HashMap<>(facts.of(event.applicationId()));
        values.put("applicationId", event.applicationId());
        Locale locale = recipients.localeOf(event.recipientReference());
        OutboxEntry entry = templates.render(event.template(), locale, values)
                .map(message -> new OutboxEntry(event.notificationId(), event.applicationId(), event.channel(),
                        event.template(), event.recipientReference(), message.locale(), message.subject(), message.body(),
                        NotificationStatus.PENDING, 0, now, null, event.requestedAt(), now, null))
                // Recorded as FAILED rather than thrown: an unknown template must be visible, not stall the processor.
                .orElseGet(() -> new OutboxEntry(event.notificationId(), event.applicationId(), event.channel(),
                        event.template(), event.recipientReference(), NotificationTemplates.supported(locale), null, null,
                        NotificationStatus.FAILED, 0, null, "unknown template '" + event.template() + "'",
                        event.requestedAt(), now, null));
        // Entry first, index second: a crash in between is repaired by the redelivery above.
        if (outbox.insertIfAbsent(entry) && entry.status() == NotificationStatus.PENDING) {
            outbox.indexAsDue(entry.notificationId(), entry.nextAttemptAt());
        }
    }

    private static String amount(Money money) {
        return money == null ? "" : money.amount().toPlainString() + " " + money.currency();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " processor needs tracking tokens with a position, got " + token));
    }
}
