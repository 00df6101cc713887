package io.refundledger.command.notification;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.infrastructure.testing.MutableClock;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.refundledger.command.notification.NotificationTestSupport.requested;
import static io.refundledger.command.notification.NotificationTestSupport.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code customer-notifications} projection, fed tracked events at chosen global positions through Axon's
 * handler adapter (as the running processor does), against a fresh embedded database.
 */
class CustomerNotificationProjectionTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-23T02:15:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T02:15:01Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final String applicationId = UUID.randomUUID().toString();
    private final Map<String, Long> sequences = new HashMap<>();
    private MongoDatabase database;
    private NotificationOutbox outbox;
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void emptyDatabase() {
        database = NotificationTestSupport.freshDatabase();
        outbox = new NotificationOutbox(database);
        var directory = new ConfiguredRecipientDirectory(
                Map.of("C-EN", new NotificationProperties.Contact("amy@example.com", null, Locale.ENGLISH)),
                "example.invalid", NotificationTemplates.CHINESE);
        projection = new AnnotationEventHandlerAdapter(new CustomerNotificationProjection(outbox,
                new ApplicationFacts(database), NotificationTemplates.fromClasspath(), directory, clock));
    }

    @Test
    void aRequestedNotificationBecomesAPendingOutboxEntryRenderedInTheCustomersLanguageAndDueAtOnce() {
        deliver(1, submitted(applicationId, "RF-20261123-000007", "C-1001", SUBMITTED_AT));
        deliver(2, requested(applicationId, "n-1", "refund-submitted", "C-1001", SUBMITTED_AT));

        OutboxEntry entry = outbox.find("n-1").orElseThrow();
        assertThat(entry.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(entry.applicationId()).isEqualTo(applicationId);
        assertThat(entry.recipientReference()).isEqualTo("C-1001");
        assertThat(entry.template()).isEqualTo("refund-submitted");
        assertThat(entry.locale()).isEqualTo(NotificationTemplates.CHINESE);
        assertThat(entry.subject()).isEqualTo("您的退费申请 RF-20261123-000007 已提交");
        assertThat(entry.body()).contains("申请退款金额 1200.00 CNY");
        assertThat(entry.attempts()).isZero();
        assertThat(entry.requestedAt()).isEqualTo(SUBMITTED_AT);
        assertThat(entry.createdAt()).isEqualTo(NOW);
        assertThat(entry.nextAttemptAt()).isEqualTo(NOW);
        assertThat(entry.sentAt()).isNull();
        assertThat(outbox.dueIndex()).containsExactly(Map.entry("n-1", NOW));
    }

    @Test
    void laterNotificationsMentionWhatWasDecidedInTheLanguageTheCustomerReads() {
        deliver(1, submitted(applicationId, "RF-20261123-000008", "C-EN", SUBMITTED_AT));
        deliver(2, new RefundApplicationApproved(applicationId, Money.of("1150", "CNY"), "ok", SUBMITTED_AT, null, null));
        deliver(3, requested(applicationId, "n-2", "refund-approved", "C-EN", SUBMITTED_AT));

        OutboxEntry entry = outbox.find("n-2").orElseThrow();
        assertThat(entry.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(entry.subject()).isEqualTo("Your refund application RF-20261123-000008 has been approved");
        assertThat(entry.body()).contains("approved for 1150.00 CNY");
    }

    @Test
    void aRedeliveredRequestNeitherDuplicatesNorResetsItsEntry() {
        deliver(1, submitted(applicationId, "RF-20261123-000009", "C-1001", SUBMITTED_AT));
        var request = requested(applicationId, "n-3", "refund-submitted", "C-1001", SUBMITTED_AT);
        deliver(2, request);
        // Meanwhile the entry was sent.
        database.getCollection(NotificationOutbox.OUTBOX).updateOne(new Document("_id", "n-3"),
                new Document("$set", new Document("status", "SENT").append("attempts", 1)));
        outbox.removeFromDueIndex("n-3");
        clock.advance(java.time.Duration.ofMinutes(5));

        deliver(new GlobalSequenceTrackingToken(2), request);

        assertThat(database.getCollection(NotificationOutbox.OUTBOX).countDocuments()).isEqualTo(1);
        assertThat(outbox.find("n-3").orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(outbox.find("n-3").orElseThrow().createdAt()).isEqualTo(NOW);
        assertThat(outbox.dueIndex()).as("a sent entry is not due again").isEmpty();
    }

    @Test
    void aCrashBetweenTheEntryAndItsIndexIsRepairedByTheRedelivery() {
        var request = requested(applicationId, "n-4", "refund-submitted", "C-1001", SUBMITTED_AT);
        deliver(2, request);
        outbox.removeFromDueIndex("n-4"); // as if the process had died before indexing it

        deliver(new GlobalSequenceTrackingToken(2), request);

        assertThat(outbox.dueIndex()).containsExactly(Map.entry("n-4", NOW));
    }

    @Test
    void anUnknownTemplateIsRecordedAsFailedInsteadOfStoppingTheProcessor() {
        deliver(1, requested(applicationId, "n-5", "refund-exploded", "C-1001", SUBMITTED_AT));

        OutboxEntry entry = outbox.find("n-5").orElseThrow();
        assertThat(entry.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(entry.lastError()).isEqualTo("unknown template 'refund-exploded'");
        assertThat(outbox.dueIndex()).isEmpty();
    }

    @Test
    void aReplayNeverQueuesOldNotificationsAgain() {
        deliver(new ReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(3)),
                requested(applicationId, "n-6", "refund-submitted", "C-1001", SUBMITTED_AT));

        assertThat(outbox.find("n-6")).isEmpty();
    }

    @Test
    void factsAreWrittenByPositionSoAnOlderEventDeliveredAgainDoesNotOverwriteANewerOne() {
        deliver(1, submitted(applicationId, "RF-20261123-000010", "C-1001", SUBMITTED_AT));
        var firstRejection = new RefundApplicationRejected(applicationId, "outside the window", SUBMITTED_AT);
        deliver(2, firstRejection);
        deliver(5, new RefundApplicationRejected(applicationId, "used product", SUBMITTED_AT));

        deliver(new GlobalSequenceTrackingToken(2), firstRejection);
        deliver(6, requested(applicationId, "n-7", "refund-rejected", "C-EN", SUBMITTED_AT));

        assertThat(outbox.find("n-7").orElseThrow().body()).contains("Reason: used product");
        assertThat(new ApplicationFacts(database).of(applicationId)).containsEntry("applicationNumber", "RF-20261123-000010");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void deliver(long position, Object payload) {
        deliver(new GlobalSequenceTrackingToken(position), payload);
    }

    private void deliver(TrackingToken token, Object payload) {
        long sequence = sequences.merge(applicationId, 1L, Long::sum) - 1;
        var event = new GenericDomainEventMessage<>("RefundApplication", applicationId, sequence, payload);
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(token, event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }
}
