package io.refundledger.infrastructure.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.infrastructure.audit.ChainVerification;
import io.refundledger.infrastructure.audit.HashChainVerifier;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure by destroying the subject's key: the events holding the ciphertext are not touched, so the hash
 * chain over the stored commits verifies before and after, while the personal data can no longer be read.
 */
class CryptoShreddingKeepsTheChainTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoClient client = MongoClients.create(TestMongo.server().connectionString(""));
    private final MongoDatabase database = client.getDatabase("shredding" + DATABASES.incrementAndGet());
    private final MongoCommitLogStorageEngine engine = MongoCommitLogStorageEngine.builder()
            .database(database)
            .eventSerializer(LedgerSerializers.storageSerializer())
            .snapshotSerializer(LedgerSerializers.storageSerializer())
            .build();
    private final MongoPersonalDataVault vault = new MongoPersonalDataVault(database, Clock.systemUTC());

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void theChainStillVerifiesAfterTheKeyIsDestroyedAndTheStoredCiphertextIsUnchanged() {
        EncryptedPersonalData contact = vault.encrypt("subscription:S-1",
                "{\"name\":\"王芳\",\"email\":\"wang.fang@example.com\"}".getBytes(StandardCharsets.UTF_8));
        append("S-1", 0, new ContactRecorded("S-1", contact));
        append("S-2", 0, new ContactRecorded("S-2", vault.encrypt("subscription:S-2", "{}".getBytes(StandardCharsets.UTF_8))));
        append("S-1", 1, new ContactRecorded("S-1", null));
        List<Document> storedBefore = allCommits();
        HashChainVerifier verifier = new HashChainVerifier(database, 2);
        assertThat(verifier.verifyLog().intact()).isTrue();

        vault.destroy("subscription:S-1");

        ChainVerification after = verifier.verifyLog();
        assertThat(after.intact()).isTrue();
        assertThat(after.commitsChecked()).isEqualTo(3);
        assertThat(allCommits()).isEqualTo(storedBefore);
        EncryptedPersonalData stored = ((ContactRecorded) engine.readEvents("S-1").next().getPayload()).contact();
        assertThat(stored).isEqualTo(contact);
        assertThat(vault.decrypt(stored)).isEmpty();
    }

    private void append(String aggregateId, long sequence, ContactRecorded event) {
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Subscription", aggregateId, sequence, event);
        engine.appendEvents(message);
    }

    private List<Document> allCommits() {
        MongoCollection<Document> commits = database.getCollection(MongoCommitLogStorageEngine.COMMITS);
        return commits.find().into(new ArrayList<>());
    }

    record ContactRecorded(String subscriptionId, EncryptedPersonalData contact) {
    }
}
