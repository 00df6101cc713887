package io.refundledger.events.common;

/**
 * Personal data kept in an event as ciphertext, so that it can be erased without rewriting the event: the
 * data subject's key is destroyed and the ciphertext becomes unreadable, while the stored bytes (and so the
 * hash chain over them) stay exactly as written.
 *
 * @param keyId      the data subject's key, e.g. {@code subscription:S-1}; destroyed when the data is purged
 * @param algorithm  e.g. {@code AES/GCM/NoPadding}
 * @param iv         base64 initialisation vector
 * @param ciphertext base64 ciphertext (with the GCM tag) of a small JSON object
 */
public record EncryptedPersonalData(String keyId, String algorithm, String iv, String ciphertext) {
}
