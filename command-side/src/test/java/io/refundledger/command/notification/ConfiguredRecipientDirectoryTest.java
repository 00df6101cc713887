package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredRecipientDirectoryTest {

    private final ConfiguredRecipientDirectory directory = new ConfiguredRecipientDirectory(
            Map.of("C-1001", new NotificationProperties.Contact("li.wei@example.com", "+86 138 0000 0000", Locale.ENGLISH)),
            "example.invalid", NotificationTemplates.CHINESE);

    @Test
    void aConfiguredCustomerIsReachedAtTheConfiguredAddressesInTheirLanguage() {
        assertThat(directory.addressOf("C-1001", NotificationChannel.EMAIL)).contains("li.wei@example.com");
        assertThat(directory.addressOf("C-1001", NotificationChannel.SMS)).contains("+86 138 0000 0000");
        assertThat(directory.localeOf("C-1001")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anUnconfiguredCustomerGetsAnUndeliverablePlaceholderEmailAndTheDefaultLanguage() {
        assertThat(directory.addressOf("C-2002", NotificationChannel.EMAIL)).contains("C-2002@example.invalid");
        assertThat(directory.localeOf("C-2002")).isEqualTo(NotificationTemplates.CHINESE);
    }

    @Test
    void phoneNumbersAreNeverMadeUp() {
        assertThat(directory.addressOf("C-2002", NotificationChannel.SMS)).isEmpty();
        assertThat(directory.addressOf("C-2002", NotificationChannel.PHONE)).isEmpty();
    }

    @Test
    void withoutADerivedDomainAnUnconfiguredCustomerHasNoEmailAddress() {
        var strict = new ConfiguredRecipientDirectory(Map.of(), " ", Locale.ENGLISH);

        assertThat(strict.addressOf("C-2002", NotificationChannel.EMAIL)).isEmpty();
    }

    @Test
    void inAppMessagesGoToTheCustomersOwnInbox() {
        assertThat(directory.addressOf("C-2002", NotificationChannel.IN_APP)).contains("C-2002");
    }
}
