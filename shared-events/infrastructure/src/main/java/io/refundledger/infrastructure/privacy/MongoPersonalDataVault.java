package io.refundledger.infrastructure.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.events.common.EncryptedPersonalData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PersonalDataVault} over MongoDB: one AES-256 key per data subject in {@value #COLLECTION}
 * ({@code _id} = key id), AES/GCM with a fresh random 96-bit IV per encryption and the key id as associated
 * data, so a ciphertext cannot be passed off under another subject's key.
 *
 * <ul>
 *   <li><b>Creation</b> is an insert on {@code _id}: when two callers (threads, instances, apps) create the same
 *       key at once, one insert wins and the other reads the winner's key, so a subject never has two.</li>
 *   <li><b>Destruction</b> removes the key material and leaves a tombstone ({@code destroyedAt}), so the key is
 *       never created again and later encryption under it is refused. Destroying a key that never existed leaves
 *       a tombstone too.</li>
 *   <li>No key is cached in memory: another instance (or the other app) may destroy it at any moment, and a
 *       lookup by {@code _id} is cheap.</li>
 * </ul>
 *
 * <p>Not done: the data keys are stored as they are, not wrapped with a master key. Whoever can read this
 * collection and the event store can read the personal data; protect the database accordingly (or add a
 * key-encryption key from a KMS here).
 */
public class MongoPersonalDataVault implements PersonalDataVault {

    public static final String COLLECTION = "personal_data_keys";
    public static final String ALGORITHM = "AES/GCM/NoPadding";
    static final String KEY = "key";
    static final String CREATED_AT = "createdAt";
    static final String DESTROYED_AT = "destroyedAt";

    private static final Logger log = LoggerFactory.getLogger(MongoPersonalDataVault.class);
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MongoCollection<Document> keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MongoPersonalDataVault(MongoDatabase database, Clock clock) {
        // A key lost in a failover would make data unreadable before its time: write like the event store does.
        this.keys = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.clock = clock;
    }

    @Override
    public EncryptedPersonalData encrypt(String keyId, byte[] plaintext) {
        requireKeyId(keyId);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] key = existingOrNewKey(keyId);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, keyId);
            byte[] ciphertext = cipher.doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return new EncryptedPersonalData(keyId, ALGORITHM, base64.encodeToString(iv), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public Optional<byte[]> decrypt(EncryptedPersonalData data) {
        Objects.requireNonNull(data, "data");
        requireKeyId(data.keyId());
        if (!ALGORITHM.equals(data.algorithm())) {
            throw new IllegalArgumentException("Unsupported algorithm " + data.algorithm() + "; this vault reads " + ALGORITHM);
        }
        Document stored = keys.find(Filters.eq("_id", data.keyId())).first();
        if (stored == null) {
            // Never created here (or its tombstone was deleted by hand): nobody can read it any more.
            log.warn("No key {} in {}: the personal data under it is unreadable", data.keyId(), COLLECTION);
            return Optional.empty();
        }
        if (stored.get(DESTROYED_AT) != null || stored.getString(KEY) == null) {
            return Optional.empty();
        }
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, base64.decode(stored.getString(KEY)), base64.decode(data.iv()),
                    data.keyId());
            return Optional.of(cipher.doFinal(base64.decode(data.ciphertext())));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The personal data under " + data.keyId()
                    + " fails its integrity check: altered, or encrypted under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public void destroy(String keyId) {
        requireKeyId(keyId);
        try {
            // Matches the live key (removing its material) or nothing, then leaves a tombstone by upsert; an
            // existing tombstone makes the upsert collide on _id, which is "already destroyed".
            keys.updateOne(Filters.and(Filters.eq("_id", keyId), Filters.eq(DESTROYED_AT, null)),
                    Updates.combine(Updates.unset(KEY), Updates.set(DESTROYED_AT, Date.from(clock.instant()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    @Override
    public boolean isDestroyed(String keyId) {
        requireKeyId(keyId);
        Document stored = keys.find(Filters.eq("_id", keyId)).first();
        return stored != null && stored.get(DESTROYED_AT) != null;
    }

    private byte[] existingOrNewKey(String keyId) {
        Document stored = keys.find(Filters.eq("_id", keyId)).first();
        if (stored == null) {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            try {
                keys.insertOne(new Document("_id", keyId)
                        .append(KEY, Base64.getEncoder().encodeToString(fresh))
                        .append(CREATED_AT, Date.from(clock.instant())));
                return fresh;
            } catch (MongoException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // Someone else created it first: theirs is the subject's key.
                stored = keys.find(Filters.eq("_id", keyId)).first();
                if (stored == null) {
                    throw new IllegalStateException("Key " + keyId + " collided on creation but cannot be read", e);
                }
            }
        }
        if (stored.get(DESTROYED_AT) != null || stored.getString(KEY) == null) {
            throw new IllegalStateException("Key " + keyId + " was destroyed (personal data erased); nothing more may be "
                    + "encrypted under it");
        }
        return Base64.getDecoder().decode(stored.getString(KEY));
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String keyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(ALGORITHM);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static void requireKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("a key id is required");
        }
    }

    private static boolean isDuplicateKey(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
