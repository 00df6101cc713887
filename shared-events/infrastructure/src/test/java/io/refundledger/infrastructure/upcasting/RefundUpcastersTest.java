package io.refundledger.infrastructure.upcasting;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.infrastructure.eventstore.CommitHasher;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored in revision 1 (samples as they were written) read back as today's records. */
class RefundUpcastersTest {

    private final MongoClient client = MongoClients.create(TestMongo.server().connectionString(""));
    private final MongoDatabase database = client.getDatabase("upcasting" + System.nanoTime());

    @AfterEach
    void drop() {
        database.drop();
        client.close();
    }

    @Test
    void readsARevisionOneSubmissionWithThePolicyFactsUnknown() throws IOException {
        storeRevisionOne("app-1", RefundApplicationSubmitted.class, "RefundApplicationSubmitted-rev1.json",
                RefundApplicationApproved.class, "RefundApplicationApproved-rev1.json");

        List<? extends DomainEventMessage<?>> events = engine().readEvents("app-1").asStream().toList();

        RefundApplicationSubmitted submitted = (RefundApplicationSubmitted) events.get(0).getPayload();
        assertThat(submitted.applicationNumber()).isEqualTo("RF-20261123-000001");
        assertThat(submitted.requestedAmount()).isEqualTo(Money.of("1200.00", "CNY"));
        assertThat(submitted.submittedAt()).isEqualTo(Instant.parse("2026-11-23T12:51:34.132Z"));
        assertThat(submitted.usage()).isEqualTo(ProductUsage.NOT_STATED);
        assertThat(submitted.deliveredAt()).isNull();
        assertThat(submitted.discountReceived()).isNull();

        RefundApplicationApproved approved = (RefundApplicationApproved) events.get(1).getPayload();
        assertThat(approved.approvedAmount()).isEqualTo(Money.of("1000.00", "CNY"));
        assertThat(approved.note()).isEqualTo("screen repaired part");
        assertThat(approved.exceptionJustification()).isNull();
        assertThat(approved.firstApprovedBy()).isNull();
    }

    @Test
    void readsARevisionTwoSubmissionWithoutProductSegmentOrSubscription() throws IOException {
        storeRevisions("app-3", RefundApplicationSubmitted.class, "2", "RefundApplicationSubmitted-rev2.json",
                RefundApplicationApproved.class, "1", "RefundApplicationApproved-rev1.json");

        RefundApplicationSubmitted submitted =
                (RefundApplicationSubmitted) engine().readEvents("app-3").asStream().toList().get(0).getPayload();

        assertThat(submitted.usage()).isEqualTo(ProductUsage.USED);
        assertThat(submitted.servicePeriodStart()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(submitted.discountReceived()).isEqualTo(Money.of("50.00", "CNY"));
        assertThat(submitted.productId()).isNull();
        assertThat(submitted.customerSegment()).isNull();
        assertThat(submitted.subscriptionId()).isNull();
    }

    @Test
    void readsARevisionOneSubmissionThroughBothSteps() throws IOException {
        storeRevisionOne("app-4", RefundApplicationSubmitted.class, "RefundApplicationSubmitted-rev1.json",
                RefundApplicationApproved.class, "RefundApplicationApproved-rev1.json");

        RefundApplicationSubmitted submitted =
                (RefundApplicationSubmitted) engine().readEvents("app-4").asStream().toList().get(0).getPayload();

        assertThat(submitted.usage()).isEqualTo(ProductUsage.NOT_STATED);
        assertThat(submitted.productId()).isNull();
        assertThat(submitted.subscriptionId()).isNull();
    }

    @Test
    void upcastingChangesNothingStored() throws IOException {
        storeRevisionOne("app-2", RefundApplicationSubmitted.class, "RefundApplicationSubmitted-rev1.json",
                RefundApplicationApproved.class, "RefundApplicationApproved-rev1.json");
        Document before = database.getCollection(MongoCommitLogStorageEngine.COMMITS).find().first();

        engine().readEvents("app-2").asStream().forEach(DomainEventMessage::getPayload);

        assertThat(database.getCollection(MongoCommitLogStorageEngine.COMMITS).find().first()).isEqualTo(before);
    }

    private MongoCommitLogStorageEngine engine() {
        return MongoCommitLogStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.storageSerializer())
                .snapshotSerializer(LedgerSerializers.storageSerializer())
                .upcasterChain(new EventUpcasterChain(RefundUpcasters.all()))
                .build();
    }

    /** Writes one commit exactly as the engine stored revision-1 events. */
    private void storeRevisionOne(String aggregateId, Class<?> firstType, String firstSample,
                                  Class<?> secondType, String secondSample) throws IOException {
        storeRevisions(aggregateId, firstType, "1", firstSample, secondType, "1", secondSample);
    }

    private void storeRevisions(String aggregateId, Class<?> firstType, String firstRevision, String firstSample,
                                Class<?> secondType, String secondRevision, String secondSample) throws IOException {
        List<Document> events = List.of(
                storedEvent(1, aggregateId, 0, firstType, firstRevision, sample(firstSample)),
                storedEvent(2, aggregateId, 1, secondType, secondRevision, sample(secondSample)));
        String committedAt = "2026-11-23T12:51:35.800Z";
        database.getCollection(MongoCommitLogStorageEngine.COMMITS).insertOne(new Document("_id", 1L)
                .append("lastPosition", 2L)
                .append("positions", List.of(1L, 2L))
                .append("aggregateKeys", List.of(aggregateId + ":0", aggregateId + ":1"))
                .append("committedAt", committedAt)
                .append("previousHash", CommitHasher.GENESIS)
                .append("hash", CommitHasher.hash(CommitHasher.GENESIS, 1L, committedAt, events))
                .append("events", events));
    }

    private static Document storedEvent(long position, String aggregateId, long sequence, Class<?> type,
                                        String revision, String payload) {
        return new Document("position", position)
                .append("eventId", aggregateId + "-" + sequence)
                .append("aggregateType", "RefundApplication")
                .append("aggregateId", aggregateId)
                .append("sequence", sequence)
                .append("timestamp", "2026-11-23T12:51:35.713Z")
                .append("payloadType", type.getName())
                .append("payloadRevision", revision)
                .append("payload", payload)
                .append("metaData", "{\"requestId\":\"r-1\",\"channel\":\"http\"}");
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = RefundUpcastersTest.class.getResourceAsStream("/stored-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
