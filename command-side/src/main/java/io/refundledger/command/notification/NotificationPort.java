package io.refundledger.command.notification;

/**
 * Hands a notification to whatever delivers it. Returning normally means delivered (as far as the adapter can
 * tell); any exception means not delivered. Throw {@link PermanentDeliveryFailure} when trying again cannot help.
 *
 * <p>Called only by the {@link NotificationDispatcher}, never while a refund command is being handled, so a
 * failing or slow adapter never blocks or fails a refund.
 */
public interface NotificationPort {

    void send(Notification notification);
}
