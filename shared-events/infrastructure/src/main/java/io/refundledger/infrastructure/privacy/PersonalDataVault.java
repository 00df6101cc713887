package io.refundledger.infrastructure.privacy;

import io.refundledger.events.common.EncryptedPersonalData;

import java.util.Optional;

/**
 * Keeps personal data out of the event log in plain text (crypto-shredding): each data subject has its own key,
 * personal data is stored in events encrypted under it, and erasing the subject's data means destroying the key.
 * The events are never rewritten, so the hash chain over them still verifies after erasure.
 */
public interface PersonalDataVault {

    /** Encrypts under {@code keyId}'s key, creating the key on first use; refused once the key has been destroyed. */
    EncryptedPersonalData encrypt(String keyId, byte[] plaintext);

    /** The plaintext, or empty when the subject's key has been destroyed (the data is erased). */
    Optional<byte[]> decrypt(EncryptedPersonalData data);

    /** Destroys the key for good. Idempotent. */
    void destroy(String keyId);

    boolean isDestroyed(String keyId);
}
