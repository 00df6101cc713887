package io.refundledger.command.notification;

import io.refundledger.events.refund.NotificationChannel;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns the recipient <em>reference</em> an event carries (a customer id; events never hold contact details)
 * into an address for a channel and the language the customer reads.
 *
 * <p>The default, {@link ConfiguredRecipientDirectory}, reads configuration; a deployment that sends real
 * messages replaces it with a bean that asks the CRM's customer records.
 */
public interface RecipientDirectory {

    /** The address on {@code channel}, or empty when the customer cannot be reached that way. */
    Optional<String> addressOf(String recipientReference, NotificationChannel channel);

    /** The language to write to this customer in. */
    Locale localeOf(String recipientReference);
}
