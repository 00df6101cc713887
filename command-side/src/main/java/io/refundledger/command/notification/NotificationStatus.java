package io.refundledger.command.notification;

/** Where an outbox entry stands. Only PENDING entries are ever picked up for delivery. */
public enum NotificationStatus {
    /** Waiting for its (next) delivery attempt at {@code nextAttemptAt}. */
    PENDING,
    /** Handed to the notification port successfully; never sent again. */
    SENT,
    /** Given up on (attempts used up, no address, unknown template); stays visible for support staff. */
    FAILED
}
