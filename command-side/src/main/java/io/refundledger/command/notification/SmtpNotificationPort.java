package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sends e-mail notifications through Spring's {@link JavaMailSender} (configured by the standard
 * {@code spring.mail.*} keys). Switched on by {@code ledger.notifications.smtp.enabled=true}.
 *
 * <p>Only the EMAIL channel goes through SMTP: a request for another channel fails permanently rather than being
 * retried, so it shows up as FAILED in the outbox instead of silently becoming an e-mail. Set
 * {@code spring.mail.properties.mail.smtp.timeout} (and connection/write timeouts) well below the dispatcher's
 * claim lease, or a hanging server could outlive the claim.
 */
public class SmtpNotificationPort implements NotificationPort {

    private final JavaMailSender mailSender;
    private final String from;

    public SmtpNotificationPort(JavaMailSender mailSender, String from) {
        this.mailSender = Objects.requireNonNull(mailSender, "mailSender");
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("ledger.notifications.smtp.from must be set when SMTP is enabled");
        }
        this.from = from;
    }

    @Override
    public void send(Notification notification) {
        if (notification.channel() != NotificationChannel.EMAIL) {
            throw new PermanentDeliveryFailure("SMTP delivers e-mail only, not " + notification.channel());
        }
        MimeMessage message;
        try {
            message = mailSender.createMimeMessage();
            // Chinese subjects and bodies: say UTF-8 explicitly rather than trusting the platform default.
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(notification.address());
            helper.setSubject(notification.subject());
            helper.setText(notification.body(), false);
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            throw new PermanentDeliveryFailure("cannot build an e-mail to " + notification.address() + ": " + e.getMessage(), e);
        }
        try {
            mailSender.send(message);
        } catch (MailParseException | MailPreparationException e) {
            throw new PermanentDeliveryFailure("malformed e-mail: " + e.getMessage(), e);
        }
        // Any other MailException (connection refused, authentication, server busy) propagates as it is: worth
        // another attempt after a pause.
    }
}
