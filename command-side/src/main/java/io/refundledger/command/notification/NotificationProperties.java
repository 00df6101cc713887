package io.refundledger.command.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ledger.notifications.*}.
 *
 * @param defaultLocale the language for customers whose language is not known
 */
@ConfigurationProperties("ledger.notifications")
public record NotificationProperties(
        @DefaultValue("zh-CN") Locale defaultLocale,
        @DefaultValue Dispatch dispatch,
        @DefaultValue Recipients recipients,
        @DefaultValue Smtp smtp) {

    /**
     * How the outbox is worked off.
     *
     * @param enabled        whether this instance runs the scheduled dispatcher at all
     * @param interval       pause between two dispatcher runs
     * @param maxAttempts    delivery attempts before an entry is FAILED
     * @param initialBackoff wait after the first failed attempt; doubled after each further failure
     * @param maxBackoff     the longest wait between attempts
     * @param lease          how long a claimed entry is reserved for the claiming instance; must exceed the
     *                       longest send (SMTP timeouts), or a slow send could be repeated by another instance
     * @param batchSize      entries delivered per run at most
     */
    public record Dispatch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT10S") Duration interval,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("PT30S") Duration initialBackoff,
            @DefaultValue("PT1H") Duration maxBackoff,
            @DefaultValue("PT2M") Duration lease,
            @DefaultValue("50") int batchSize) {
    }

    /**
     * @param derivedEmailDomain domain for e-mail addresses derived from the customer id when none is configured;
     *                           blank for none
     * @param contacts           customer id → contact details
     */
    public record Recipients(
            @DefaultValue("example.invalid") String derivedEmailDomain,
            Map<String, Contact> contacts) {
    }

    public record Contact(String email, String phone, Locale locale) {
    }

    /**
     * @param enabled send e-mail through {@code spring.mail.*} instead of writing notifications to the log
     * @param from    the sender address
     */
    public record Smtp(
            @DefaultValue("false") boolean enabled,
            String from) {
    }
}
