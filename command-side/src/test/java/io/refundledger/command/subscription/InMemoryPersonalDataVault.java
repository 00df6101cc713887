package io.refundledger.command.subscription;

import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.infrastructure.privacy.PersonalDataVault;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real AES-GCM vault whose keys live in memory, for tests without MongoDB: encryption, decryption and
 * crypto-shredding behave as the production vault's do.
 */
public final class InMemoryPersonalDataVault implements PersonalDataVault {

    static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final int IV_BYTES = 12;

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    @Override
    public EncryptedPersonalData encrypt(String keyId, byte[] plaintext) {
        if (destroyed.contains(keyId)) {
            throw new IllegalStateException("key " + keyId + " was destroyed");
        }
        SecretKey key = keys.computeIfAbsent(keyId, id -> newKey());
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new EncryptedPersonalData(keyId, ALGORITHM, Base64.getEncoder().encodeToString(iv),
                    Base64.getEncoder().encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<byte[]> decrypt(EncryptedPersonalData data) {
        SecretKey key = keys.get(data.keyId());
        if (key == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance(data.algorithm());
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(data.iv())));
            cipher.updateAAD(data.keyId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(Base64.getDecoder().decode(data.ciphertext())));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("ciphertext of " + data.keyId() + " was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy(String keyId) {
        destroyed.add(keyId);
        keys.remove(keyId);
    }

    @Override
    public boolean isDestroyed(String keyId) {
        return destroyed.contains(keyId);
    }

    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
