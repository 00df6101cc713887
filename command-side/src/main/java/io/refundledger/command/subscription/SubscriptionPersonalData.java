package io.refundledger.command.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.infrastructure.privacy.PersonalDataVault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The subscription's personal data as it is kept in events: the contact person as a small JSON object, encrypted
 * under the subscription's own key. Destroying that key ({@code SubscriptionPersonalDataPurged}) erases it.
 */
public final class SubscriptionPersonalData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionPersonalData() {
    }

    /** The vault key of one subscription's personal data. */
    public static String keyId(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    /** {@code {"name":…,"email":…,"phone":…}} (absent values left out), encrypted; null when there is no contact. */
    public static EncryptedPersonalData encrypt(PersonalDataVault vault, String subscriptionId, SubscriptionContact contact) {
        if (contact == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "name", contact.name());
        put(fields, "email", contact.email());
        put(fields, "phone", contact.phone());
        if (fields.isEmpty()) {
            return null;
        }
        try {
            return vault.encrypt(keyId(subscriptionId), JSON.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The contact, or empty when there was none or it has been erased (the key is destroyed). */
    public static Optional<SubscriptionContact> decrypt(PersonalDataVault vault, EncryptedPersonalData data) {
        if (data == null) {
            return Optional.empty();
        }
        return vault.decrypt(data).map(plaintext -> {
            try {
                Map<?, ?> fields = JSON.readValue(plaintext, Map.class);
                return new SubscriptionContact((String) fields.get("name"), (String) fields.get("email"),
                        (String) fields.get("phone"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored contact of " + data.keyId() + " is not JSON", e);
            }
        });
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value.strip());
        }
    }
}
