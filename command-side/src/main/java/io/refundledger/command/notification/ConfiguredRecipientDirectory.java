package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recipients from configuration ({@code ledger.notifications.recipients.contacts.<customerId>.email|phone|locale}),
 * meant for demos, tests and small pilots, not as a customer database.
 *
 * <p>For a customer without a configured e-mail address, an address is derived as
 * {@code <customerId>@<derived-email-domain>} when that domain is set. The default domain is
 * {@code example.invalid}: the {@code .invalid} top-level domain is reserved (RFC 2606) and can never be
 * delivered, so the derived address is visibly a placeholder and no real person is ever mailed by accident.
 * SMS and phone numbers are never derived. In-app messages are addressed to the customer id itself.
 */
public class ConfiguredRecipientDirectory implements RecipientDirectory {

    private final Map<String, NotificationProperties.Contact> contacts;
    private final String derivedEmailDomain;
    private final Locale defaultLocale;

    public ConfiguredRecipientDirectory(Map<String, NotificationProperties.Contact> contacts, String derivedEmailDomain,
                                        Locale defaultLocale) {
        this.contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
        this.derivedEmailDomain = derivedEmailDomain == null || derivedEmailDomain.isBlank() ? null : derivedEmailDomain;
        this.defaultLocale = defaultLocale;
    }

    @Override
    public Optional<String> addressOf(String recipientReference, NotificationChannel channel) {
        if (recipientReference == null || recipientReference.isBlank()) {
            return Optional.empty();
        }
        Optional<NotificationProperties.Contact> contact = Optional.ofNullable(contacts.get(recipientReference));
        return switch (channel) {
            case EMAIL -> contact.map(NotificationProperties.Contact::email).filter(a -> !a.isBlank())
                    .or(() -> Optional.ofNullable(derivedEmailDomain).map(domain -> recipientReference + "@" + domain));
            case SMS, PHONE -> contact.map(NotificationProperties.Contact::phone).filter(p -> !p.isBlank());
            case IN_APP -> Optional.of(recipientReference);
        };
    }

    @Override
    public Locale localeOf(String recipientReference) {
        NotificationProperties.Contact contact = recipientReference == null ? null : contacts.get(recipientReference);
        return contact != null && contact.locale() != null ? contact.locale() : defaultLocale;
    }
}
