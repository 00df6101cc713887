package io.refundledger.infrastructure.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoPersonalDataVaultTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final byte[] CONTACT = "{\"name\":\"王芳\",\"email\":\"wang.fang@example.com\",\"phone\":\"+86 138 0000 0000\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final MongoClient client = MongoClients.create(TestMongo.server().connectionString(""));
    private final MongoDatabase database = client.getDatabase("vault" + DATABASES.incrementAndGet());
    private final MongoPersonalDataVault vault = new MongoPersonalDataVault(database, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void encryptsUnderTheSubjectsKeyAndDecryptsBack() {
        EncryptedPersonalData sealed = vault.encrypt("subscription:S-1", CONTACT);

        assertThat(sealed.keyId()).isEqualTo("subscription:S-1");
        assertThat(sealed.algorithm()).isEqualTo("AES/GCM/NoPadding");
        assertThat(Base64.getDecoder().decode(sealed.iv())).hasSize(12);
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1))
                .doesNotContain("wang.fang");
        assertThat(vault.decrypt(sealed)).hasValueSatisfying(plain -> assertThat(plain).isEqualTo(CONTACT));
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        EncryptedPersonalData first = vault.encrypt("subscription:S-1", CONTACT);
        EncryptedPersonalData second = vault.encrypt("subscription:S-1", CONTACT);

        assertThat(second.iv()).isNotEqualTo(first.iv());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
    }

    @Test
    void anotherInstanceOverTheSameDatabaseReadsTheData() {
        EncryptedPersonalData sealed = vault.encrypt("subscription:S-1", CONTACT);

        MongoPersonalDataVault queryside = new MongoPersonalDataVault(database, Clock.systemUTC());

        assertThat(queryside.decrypt(sealed)).hasValueSatisfying(plain -> assertThat(plain).isEqualTo(CONTACT));
    }

    @Test
    void twoSubjectsHaveIndependentKeys() {
        EncryptedPersonalData first = vault.encrypt("subscription:S-1", CONTACT);
        EncryptedPersonalData second = vault.encrypt("subscription:S-2", "other".getBytes(StandardCharsets.UTF_8));

        vault.destroy("subscription:S-1");

        assertThat(vault.decrypt(first)).isEmpty();
        assertThat(vault.decrypt(second)).hasValueSatisfying(plain -> assertThat(new String(plain, StandardCharsets.UTF_8))
                .isEqualTo("other"));
        assertThat(vault.isDestroyed("subscription:S-2")).isFalse();
    }

    @Test
    void ciphertextPassedOffUnderAnotherSubjectsKeyIsRefused() {
        vault.encrypt("subscription:S-2", CONTACT);
        EncryptedPersonalData sealed = vault.encrypt("subscription:S-1", CONTACT);
        EncryptedPersonalData relabelled = new EncryptedPersonalData("subscription:S-2", sealed.algorithm(), sealed.iv(),
                sealed.ciphertext());

        assertThatThrownBy(() -> vault.decrypt(relabelled)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrity");
    }

    @Test
    void destroyingRemovesTheKeyMaterialKeepsATombstoneAndErasesTheData() {
        EncryptedPersonalData sealed = vault.encrypt("subscription:S-1", CONTACT);

        vault.destroy("subscription:S-1");
        vault.destroy("subscription:S-1"); // idempotent

        Document tombstone = database.getCollection(MongoPersonalDataVault.COLLECTION)
                .find(Filters.eq("_id", "subscription:S-1")).first();
        assertThat(tombstone).isNotNull();
        assertThat(tombstone.containsKey("key")).isFalse();
        assertThat(tombstone.getDate("destroyedAt").toInstant()).isEqualTo(NOW);
        assertThat(vault.isDestroyed("subscription:S-1")).isTrue();
        assertThat(vault.decrypt(sealed)).isEmpty();
    }

    @Test
    void aDestroyedKeyIsNeverCreatedAgain() {
        vault.encrypt("subscription:S-1", CONTACT);
        vault.destroy("subscription:S-1");

        assertThatThrownBy(() -> vault.encrypt("subscription:S-1", CONTACT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
        assertThat(database.getCollection(MongoPersonalDataVault.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void destroyingAKeyThatNeverExistedStillForbidsItsCreation() {
        vault.destroy("subscription:S-9");

        assertThat(vault.isDestroyed("subscription:S-9")).isTrue();
        assertThatThrownBy(() -> vault.encrypt("subscription:S-9", CONTACT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentFirstUsesCreateOneKey() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<EncryptedPersonalData>> sealed = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                // Each caller its own vault, as separate instances would be.
                MongoPersonalDataVault instance = new MongoPersonalDataVault(database, Clock.systemUTC());
                Callable<EncryptedPersonalData> firstUse = () -> {
                    start.await();
                    return instance.encrypt("subscription:S-1", CONTACT);
                };
                sealed.add(pool.submit(firstUse));
            }
            start.countDown();
            Set<String> ivs = new HashSet<>();
            for (Future<EncryptedPersonalData> each : sealed) {
                EncryptedPersonalData data = each.get(30, TimeUnit.SECONDS);
                ivs.add(data.iv());
                // Readable with the one key that was kept: nobody encrypted under a key that lost the race.
                assertThat(vault.decrypt(data)).hasValueSatisfying(plain -> assertThat(plain).isEqualTo(CONTACT));
            }
            assertThat(ivs).hasSize(callers);
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.getCollection(MongoPersonalDataVault.COLLECTION).countDocuments()).isEqualTo(1);
    }
}
