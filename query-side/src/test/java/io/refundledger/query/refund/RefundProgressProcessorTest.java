package io.refundledger.query.refund;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pooled {@code refund-progress} processor stopped, restarted, rewound and reset against the real event
 * store and token store: every event ends up applied exactly once.
 */
class RefundProgressProcessorTest extends QuerySideIntegrationTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-23T02:15:00Z");
    /** Axon-mongo's default collection for tracking tokens. */
    private static final String TOKENS = "trackingtokens";

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private TokenStore tokenStore;
    /** The serializer the token store was built with. */
    @Autowired
    private Serializer serializer;
    @Autowired
    private MongoDatabase database;
    @Autowired
    private RefundProgressStore store;

    private final String customerId = "customer-" + newApplicationId();
    private final String orderId = "order-" + newApplicationId();

    @AfterEach
    void leaveTheProcessorRunningForTheNextTest() {
        if (!processor().isRunning()) {
            processor().start();
        }
    }

    @Test
    void events_published_while_the_processor_is_stopped_are_applied_exactly_once_after_it_starts_again() {
        String decidedLater = newApplicationId();
        String submittedWhileStopped = newApplicationId();
        long submission = publish(AGGREGATE_TYPE, decidedLater, 0, submitted(decidedLater, newApplicationNumber(), customerId, orderId, SUBMITTED_AT));
        awaitApplied(decidedLater, submission);

        processor().shutDown();
        long approval = publish(AGGREGATE_TYPE, decidedLater, 1, approved(decidedLater, "1200", SUBMITTED_AT.plusSeconds(60)));
        publish(AGGREGATE_TYPE, submittedWhileStopped, 0, submitted(submittedWhileStopped, newApplicationNumber(), customerId, orderId, SUBMITTED_AT.plusSeconds(90)));
        long rejection = publish(AGGREGATE_TYPE, submittedWhileStopped, 1, rejected(submittedWhileStopped, SUBMITTED_AT.plusSeconds(120)));
        await("nothing is applied while the processor is stopped").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> progressOf(decidedLater).status() == RefundStatus.SUBMITTED && store.findById(submittedWhileStopped).isEmpty());

        processor().start();
        awaitApplied(decidedLater, approval);
        awaitApplied(submittedWhileStopped, rejection);

        assertThat(progressOf(decidedLater).timeline()).extracting(TimelineStep::step)
                .containsExactly(ProgressStep.SUBMITTED, ProgressStep.APPROVED);
        assertThat(progressOf(submittedWhileStopped).timeline()).extracting(TimelineStep::step)
                .containsExactly(ProgressStep.SUBMITTED, ProgressStep.REJECTED);
        assertThat(progressOf(submittedWhileStopped).lastAppliedPosition()).isEqualTo(rejection);
        // Segments that had nothing to handle store their token when they next extend their claim (seconds).
        await("every segment's stored token reaches the last event").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(storedTokenPositions().values()).isNotEmpty().containsOnly(rejection));
        assertThat(storedTokenPositions()).as("one token per segment").hasSize(4);
    }

    @Test
    void events_delivered_again_after_a_crash_change_no_view() {
        String approvedOne = newApplicationId();
        String pendingOne = newApplicationId();
        long submission = publish(AGGREGATE_TYPE, approvedOne, 0, submitted(approvedOne, newApplicationNumber(), customerId, orderId, SUBMITTED_AT));
        publish(AGGREGATE_TYPE, approvedOne, 1, approved(approvedOne, "1000", SUBMITTED_AT.plusSeconds(60)));
        long last = publish(AGGREGATE_TYPE, pendingOne, 0, submitted(pendingOne, newApplicationNumber(), customerId, orderId, SUBMITTED_AT.plusSeconds(90)));
        awaitProcessorAt(last);
        List<RefundProgressView> applied = allViews();

        // A crash after the views were written but before the tokens were: the tokens are behind the views, so
        // the approval comes again without its submission, and the other application's submission comes again.
        processor().shutDown();
        rewindTokensTo(submission);
        assertThat(storedTokenPositions().values()).containsOnly(submission);
        processor().start();
        awaitProcessorAt(last);

        assertThat(allViews()).isEqualTo(applied);
        assertThat(progressOf(approvedOne).timeline()).hasSize(2);
    }

    @Test
    void a_reset_replays_the_event_store_into_the_same_views() {
        String approvedOne = newApplicationId();
        String rejectedOne = newApplicationId();
        publish(AGGREGATE_TYPE, approvedOne, 0, submitted(approvedOne, newApplicationNumber(), customerId, orderId, SUBMITTED_AT));
        publish(AGGREGATE_TYPE, rejectedOne, 0, submitted(rejectedOne, newApplicationNumber(), customerId, orderId, SUBMITTED_AT.plusSeconds(30)));
        publish(AGGREGATE_TYPE, approvedOne, 1, approved(approvedOne, "1000", SUBMITTED_AT.plusSeconds(60)));
        long last = publish(AGGREGATE_TYPE, rejectedOne, 1, rejected(rejectedOne, SUBMITTED_AT.plusSeconds(90)));
        awaitProcessorAt(last);
        List<RefundProgressView> built = allViews();

        processor().shutDown();
        processor().resetTokens();
        assertThat(allViews()).as("the reset handler empties the read model").isEmpty();
        processor().start();

        await().untilAsserted(() -> assertThat(allViews()).isEqualTo(built));
        assertThat(new RefundProgressQueries(store).answer(new ListRefundProgress(orderId, customerId)))
                .extracting(RefundProgressView::applicationId).containsExactly(rejectedOne, approvedOne);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private PooledStreamingEventProcessor processor() {
        return processing.eventProcessor(RefundProgressProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .orElseThrow();
    }

    private RefundProgressView progressOf(String applicationId) {
        return store.findById(applicationId).orElseThrow(() -> new AssertionError("no progress view for " + applicationId));
    }

    private void awaitApplied(String applicationId, long position) {
        await().until(() -> store.findById(applicationId).map(RefundProgressView::lastAppliedPosition).orElse(0L) >= position);
    }

    /** Every segment has read up to the position (whether or not it had anything to handle there). */
    private void awaitProcessorAt(long position) {
        await().until(() -> {
            Map<Integer, EventTrackerStatus> status = processor().processingStatus();
            return status.size() == 4 && status.values().stream()
                    .allMatch(s -> s.getCurrentPosition().orElse(-1) >= position && !s.isReplaying());
        });
    }

    /** Views ordered by id, read straight from the collection. */
    private List<RefundProgressView> allViews() {
        return database.getCollection(RefundProgressStore.PROGRESS).find().sort(new Document("_id", 1))
                .map(RefundProgressStore::toView).into(new ArrayList<>());
    }

    /** Segment → position of the token stored in MongoDB, read without claiming anything. */
    private Map<Integer, Long> storedTokenPositions() {
        Map<Integer, Long> positions = new TreeMap<>();
        database.getCollection(TOKENS).find(new Document("processorName", RefundProgressProjection.PROCESSING_GROUP))
                .forEach(entry -> positions.put(entry.getInteger("segment"), positionOf(entry)));
        return positions;
    }

    private long positionOf(Document tokenEntry) {
        Object data = tokenEntry.get("token");
        if (data == null) {
            return 0; // not past the first event yet
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData() : (byte[]) data;
        TrackingToken token = serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, tokenEntry.getString("tokenType"), null));
        return token.position().orElse(0);
    }

    private void rewindTokensTo(long position) {
        String name = RefundProgressProjection.PROCESSING_GROUP;
        for (int segment : tokenStore.fetchSegments(name)) {
            tokenStore.fetchToken(name, segment); // claims it; the stopped processor released every claim
            tokenStore.storeToken(new GlobalSequenceTrackingToken(position), name, segment);
            tokenStore.releaseClaim(name, segment);
        }
    }
}
