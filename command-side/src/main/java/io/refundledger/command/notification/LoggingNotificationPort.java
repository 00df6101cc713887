package io.refundledger.command.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default adapter: writes the notification to the log. The outbox entry is the durable record of what was
 * sent; this adapter exists so the whole pipeline runs (and is visible) without a mail server.
 */
public class LoggingNotificationPort implements NotificationPort {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationPort.class);

    @Override
    public void send(Notification notification) {
        log.info("Notification {} for application {} via {} to {} ({}): {}\n{}", notification.notificationId(),
                notification.applicationId(), notification.channel(), notification.address(),
                notification.locale().toLanguageTag(), notification.subject(), notification.body());
    }
}
