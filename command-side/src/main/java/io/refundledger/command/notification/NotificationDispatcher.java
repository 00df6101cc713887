package io.refundledger.command.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Works off the notification outbox: claims due PENDING entries one by one and hands them to the
 * {@link NotificationPort}. A failed attempt is retried after an exponential backoff; after the last allowed
 * attempt, or at once when retrying cannot help, the entry is FAILED and stays visible. Nothing here touches the
 * refund itself.
 *
 * <p>Safe with several instances: an entry is delivered only by the dispatcher that claimed it (see
 * {@link NotificationOutbox#claim}). Delivery is at least once: an instance that dies after sending but before
 * recording it will have the entry sent again by another instance once its lease runs out.
 */
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationOutbox outbox;
    private final NotificationPort port;
    private final RecipientDirectory recipients;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final int maxAttempts;
    private final Duration lease;
    private final int batchSize;

    public NotificationDispatcher(NotificationOutbox outbox, NotificationPort port, RecipientDirectory recipients, Clock clock,
                                  NotificationProperties.Dispatch settings) {
        this.outbox = outbox;
        this.port = port;
        this.recipients = recipients;
        this.clock = clock;
        this.backoff = new RetryBackoff(settings.initialBackoff(), settings.maxBackoff());
        if (settings.maxAttempts() < 1 || settings.batchSize() < 1) {
            throw new IllegalArgumentException("max-attempts and batch-size must be at least 1");
        }
        this.maxAttempts = settings.maxAttempts();
        this.lease = settings.lease();
        this.batchSize = settings.batchSize();
    }

    /** What became of one due entry in a run. */
    public enum Outcome { SENT, RETRY_SCHEDULED, FAILED, NOT_CLAIMED }

    /**
     * One run: the due entries, earliest first, at most a batch.
     *
     * @return how many were delivered
     */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<Map.Entry<String, Instant>> due = outbox.dueIndex().entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(batchSize)
                .toList();
        int sent = 0;
        for (Map.Entry<String, Instant> entry : due) {
            try {
                if (dispatch(entry.getKey(), now) == Outcome.SENT) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // The database hiccupped: leave the entry to its lease and the next run.
                log.warn("Could not dispatch notification {}: {}", entry.getKey(), e.toString());
            }
        }
        return sent;
    }

    /** Tries to deliver one entry if it is due at {@code now} and nobody else has it. */
    public Outcome dispatch(String notificationId, Instant now) {
        String claimToken = UUID.randomUUID().toString();
        Optional<OutboxEntry> claimed = outbox.claim(notificationId, now, lease, claimToken);
        if (claimed.isEmpty()) {
            tidyDueIndex(notificationId, now);
            return Outcome.NOT_CLAIMED;
        }
        OutboxEntry entry = claimed.get();
        try {
            String address = recipients.addressOf(entry.recipientReference(), entry.channel())
                    .orElseThrow(() -> new PermanentDeliveryFailure(
                            "no " + entry.channel() + " address for recipient " + entry.recipientReference()));
            port.send(new Notification(entry.notificationId(), entry.applicationId(), entry.channel(),
                    entry.recipientReference(), address, entry.locale(), entry.subject(), entry.body()));
        } catch (PermanentDeliveryFailure e) {
            return fail(entry, claimToken, describe(e));
        } catch (RuntimeException e) {
            if (entry.attempts() >= maxAttempts) {
                return fail(entry, claimToken, "gave up after " + entry.attempts() + " attempts: " + describe(e));
            }
            Instant nextAttemptAt = clock.instant().plus(backoff.delayAfter(entry.attempts()));
            if (outbox.scheduleRetry(entry.notificationId(), claimToken, nextAttemptAt, describe(e))) {
                outbox.indexAsDue(entry.notificationId(), nextAttemptAt);
            }
            log.info("Notification {} attempt {} failed, next attempt at {}: {}", entry.notificationId(),
                    entry.attempts(), nextAttemptAt, describe(e));
            return Outcome.RETRY_SCHEDULED;
        }
        if (outbox.markSent(entry.notificationId(), claimToken, clock.instant())) {
            outbox.removeFromDueIndex(entry.notificationId());
        } else {
            log.warn("Notification {} was sent, but its claim had run out meanwhile; another instance may send it"
                    + " again. Raise ledger.notifications.dispatch.lease above the slowest send.", entry.notificationId());
        }
        return Outcome.SENT;
    }

    private Outcome fail(OutboxEntry entry, String claimToken, String error) {
        if (outbox.markFailed(entry.notificationId(), claimToken, error)) {
            outbox.removeFromDueIndex(entry.notificationId());
        }
        log.warn("Notification {} for application {} FAILED: {}", entry.notificationId(), entry.applicationId(), error);
        return Outcome.FAILED;
    }

    /**
     * The index said due but the entry could not be claimed: bring the hint in line with the entry (a crash or a
     * race between an entry's update and its index update leaves them apart). Entries leased by another instance
     * are left alone, and so are ids whose entry is not there yet (the processor writes the entry first, so that
     * cannot last).
     */
    private void tidyDueIndex(String notificationId, Instant now) {
        outbox.find(notificationId).ifPresent(entry -> {
            if (entry.status() != NotificationStatus.PENDING) {
                outbox.removeFromDueIndex(notificationId);
            } else if (entry.nextAttemptAt().isAfter(now)) {
                outbox.indexAsDue(notificationId, entry.nextAttemptAt());
            }
        });
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
