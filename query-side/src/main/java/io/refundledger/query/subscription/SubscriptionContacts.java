package io.refundledger.query.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.query.subscription.SubscriptionStatusView.ContactView;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the contact person out of a subscription event's ciphertext. Empty when the event names no contact or the
 * subscription's key has been destroyed (the data is erased): a replay after the purge rebuilds views without it.
 */
public final class SubscriptionContacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersonalDataVault vault;

    public SubscriptionContacts(PersonalDataVault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    public Optional<ContactView> decrypt(EncryptedPersonalData contact) {
        if (contact == null) {
            return Optional.empty();
        }
        return vault.decrypt(contact).map(SubscriptionContacts::parse);
    }

    /** The plaintext is the small JSON object the command side encrypted: {@code {"name":…,"email":…,"phone":…}}. */
    private static ContactView parse(byte[] plaintext) {
        try {
            JsonNode node = JSON.readTree(plaintext);
            return new ContactView(text(node, "name"), text(node, "email"), text(node, "phone"));
        } catch (IOException e) {
            // Decrypted under the right key yet not the agreed JSON: a writer bug, not an erasure. Fail the batch.
            throw new IllegalStateException("A subscription contact decrypted to something that is not its JSON object", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
