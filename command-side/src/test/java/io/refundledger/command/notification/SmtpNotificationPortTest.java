package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMTP adapter against a {@link JavaMailSender} that keeps the messages instead of talking to a server. */
class SmtpNotificationPortTest {

    private final CapturingMailSender mailSender = new CapturingMailSender();
    private final SmtpNotificationPort port = new SmtpNotificationPort(mailSender, "退款中心 <refunds@shop.example>");

    @Test
    void sendsThePlainTextMessageInUtf8FromTheConfiguredSender() throws Exception {
        port.send(email("li.wei@example.com", "您的退费申请 RF-20261123-000042 已审核通过", "批准退款金额 1150.00 CNY\n"));

        assertThat(mailSender.sent).hasSize(1);
        MimeMessage message = mailSender.sent.get(0);
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("li.wei@example.com");
        assertThat(message.getFrom()[0].toString()).contains("refunds@shop.example");
        assertThat(message.getSubject()).isEqualTo("您的退费申请 RF-20261123-000042 已审核通过");
        assertThat(message.getContent()).isEqualTo("批准退款金额 1150.00 CNY\n");
        assertThat(message.getContentType()).containsIgnoringCase("charset=UTF-8");
    }

    @Test
    void aMailServerFailureIsPassedOnSoTheDispatcherRetries() {
        mailSender.failWith = new MailSendException("connection refused");

        assertThatThrownBy(() -> port.send(email("li.wei@example.com", "s", "b")))
                .isInstanceOf(MailSendException.class)
                .isNotInstanceOf(PermanentDeliveryFailure.class);
    }

    @Test
    void anAddressThatIsNoAddressFailsPermanently() {
        assertThatThrownBy(() -> port.send(email("not an address@", "s", "b"))).isInstanceOf(PermanentDeliveryFailure.class);
        assertThat(mailSender.sent).isEmpty();
    }

    @Test
    void otherChannelsAreNotTurnedIntoEmail() {
        Notification sms = new Notification("n-1", "app-1", NotificationChannel.SMS, "C-1", "+86 138 0000 0000",
                Locale.CHINA, "s", "b");

        assertThatThrownBy(() -> port.send(sms)).isInstanceOf(PermanentDeliveryFailure.class).hasMessageContaining("SMS");
        assertThat(mailSender.sent).isEmpty();
    }

    @Test
    void needsASenderAddress() {
        assertThatThrownBy(() -> new SmtpNotificationPort(mailSender, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Notification email(String address, String subject, String body) {
        return new Notification("n-1", "app-1", NotificationChannel.EMAIL, "C-1", address, Locale.CHINA, subject, body);
    }

    private static final class CapturingMailSender implements JavaMailSender {
        final List<MimeMessage> sent = new ArrayList<>();
        RuntimeException failWith;
        private final Session session = Session.getInstance(new Properties());

        @Override
        public MimeMessage createMimeMessage() {
            return new MimeMessage(session);
        }

        @Override
        public MimeMessage createMimeMessage(InputStream contentStream) {
            try {
                return new MimeMessage(session, contentStream);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void send(MimeMessage... mimeMessages) {
            if (failWith != null) {
                throw failWith;
            }
            for (MimeMessage message : mimeMessages) {
                try {
                    message.saveChanges(); // what a real transport does: headers (charset) are final now
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
                sent.add(message);
            }
        }

        @Override
        public void send(SimpleMailMessage... simpleMessages) {
            throw new UnsupportedOperationException("the adapter sends MIME messages");
        }
    }
}
