package io.refundledger.command.sla;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.refundledger.command.sla.SlaEvents.evaluated;
import static io.refundledger.command.sla.SlaEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code sla-deadlines} projection, fed tracked events at chosen positions, against a fresh embedded database. */
class SlaDeadlineProjectionTest {

    static final Instant EVALUATED_AT = Instant.parse("2026-11-23T02:15:00.123456789Z");
    static final Instant REVIEW_DUE = EVALUATED_AT.plus(Duration.ofDays(2));
    static final Duration PAYOUT_DEADLINE = Duration.ofDays(3);

    private static MongoClient client;

    private SlaDeadlineStore store;
    private AnnotationEventHandlerAdapter projection;
    private final String applicationId = UUID.randomUUID().toString();
    private final String review = SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW);
    private final String payout = SlaDeadline.idOf(applicationId, DeadlineKind.PAYOUT);
    private long sequence;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.server().connectionString(""));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyDatabase() {
        store = new SlaDeadlineStore(client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase()));
        projection = new AnnotationEventHandlerAdapter(new SlaDeadlineProjection(store, PAYOUT_DEADLINE));
    }

    @Test
    void theReviewDeadlineOpensAtTheDueTimeThePolicySetToTheNanosecond() {
        deliver(1, submitted(applicationId, RefundType.REFUND_ONLY));
        deliver(2, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));

        SlaDeadline deadline = store.find(review).orElseThrow();
        assertThat(deadline.status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(deadline.applicationId()).isEqualTo(applicationId);
        assertThat(deadline.kind()).isEqualTo(DeadlineKind.REVIEW);
        assertThat(deadline.dueAt()).isEqualTo(REVIEW_DUE);
        assertThat(deadline.reviewAllowance()).isEqualTo(Duration.ofDays(2));
        assertThat(deadline.lastAppliedPosition()).isEqualTo(2);
        assertThat(store.dueIndex()).containsOnlyKeys(review);
    }

    @Test
    void askingForInformationStopsTheReviewClockAndTheAnswerRestartsItWithTheFullReviewTime() {
        deliver(1, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        deliver(2, new MoreInformationRequested(applicationId, "Photos of the screen, please", EVALUATED_AT.plusSeconds(3600)));

        assertThat(store.find(review).orElseThrow().status()).isEqualTo(DeadlineStatus.PAUSED);
        assertThat(store.dueIndex()).as("a paused deadline is never due").isEmpty();

        Instant providedAt = EVALUATED_AT.plus(Duration.ofDays(5));
        deliver(3, new MoreInformationProvided(applicationId, "attached", List.of("photo-1"), providedAt));

        SlaDeadline resumed = store.find(review).orElseThrow();
        assertThat(resumed.status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(resumed.dueAt()).isEqualTo(providedAt.plus(Duration.ofDays(2)));
        assertThat(store.dueIndex()).containsOnlyKeys(review);
    }

    @Test
    void approvingARefundClosesTheReviewAndStartsThePayoutDeadline() {
        deliver(1, submitted(applicationId, RefundType.REFUND_ONLY));
        deliver(2, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        Instant approvedAt = EVALUATED_AT.plus(Duration.ofHours(5));
        deliver(3, approved(approvedAt));

        SlaDeadline closedReview = store.find(review).orElseThrow();
        assertThat(closedReview.status()).isEqualTo(DeadlineStatus.CLOSED);
        assertThat(closedReview.closedBy()).isEqualTo("RefundApplicationApproved");
        assertThat(closedReview.closedAt()).as("bookkeeping times are BSON dates").isEqualTo(millis(approvedAt));
        SlaDeadline payoutDeadline = store.find(payout).orElseThrow();
        assertThat(payoutDeadline.status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(payoutDeadline.dueAt()).isEqualTo(approvedAt.plus(PAYOUT_DEADLINE));
        assertThat(store.dueIndex()).containsOnlyKeys(payout);

        deliver(4, new PayoutSucceeded(applicationId, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, "TX-1",
                approvedAt.plusSeconds(60)));
        assertThat(store.find(payout).orElseThrow().status()).isEqualTo(DeadlineStatus.CLOSED);
        assertThat(store.dueIndex()).isEmpty();
    }

    @Test
    void forAReturnThePayoutDeadlineStartsOnlyOnceTheGoodsAreInspected() {
        deliver(1, submitted(applicationId, RefundType.RETURN_AND_REFUND));
        deliver(2, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        deliver(3, approved(EVALUATED_AT.plusSeconds(60)));
        assertThat(store.find(payout)).as("the customer still has to send the goods back").isEmpty();

        Instant inspectedAt = EVALUATED_AT.plus(Duration.ofDays(6));
        deliver(4, new ReturnInspected(applicationId, InspectionOutcome.PASSED, "as described", null, inspectedAt));

        assertThat(store.find(payout).orElseThrow().dueAt()).isEqualTo(inspectedAt.plus(PAYOUT_DEADLINE));
    }

    @Test
    void anExchangesDeadlineIsMetWhenTheReplacementShips() {
        deliver(1, submitted(applicationId, RefundType.EXCHANGE));
        deliver(2, approved(EVALUATED_AT));
        deliver(3, new ReturnInspected(applicationId, InspectionOutcome.PASSED, "ok", null, EVALUATED_AT.plusSeconds(60)));
        deliver(4, new ReplacementShipped(applicationId, "SF Express", "SF123", EVALUATED_AT.plusSeconds(120)));

        assertThat(store.find(payout).orElseThrow().status()).isEqualTo(DeadlineStatus.CLOSED);
        assertThat(store.find(payout).orElseThrow().closedBy()).isEqualTo("ReplacementShipped");
    }

    @Test
    void aFailedInspectionWithNothingToPayStartsNoPayoutDeadline() {
        deliver(1, submitted(applicationId, RefundType.RETURN_AND_REFUND));
        deliver(2, approved(EVALUATED_AT));
        deliver(3, new ReturnInspected(applicationId, InspectionOutcome.FAILED, "water damage", null, EVALUATED_AT.plusSeconds(60)));

        assertThat(store.find(payout)).isEmpty();
    }

    @Test
    void rejectionAndWithdrawalCloseWhateverIsOpen() {
        deliver(1, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        deliver(2, new RefundApplicationRejected(applicationId, "outside the window", EVALUATED_AT.plusSeconds(60)));
        assertThat(store.find(review).orElseThrow().status()).isEqualTo(DeadlineStatus.CLOSED);

        String other = UUID.randomUUID().toString();
        deliver(3, submitted(other, RefundType.REFUND_ONLY));
        deliver(4, new RefundApplicationApproved(other, Money.of("10", "CNY"), null, EVALUATED_AT, null, null));
        deliver(5, new RefundApplicationWithdrawn(other, "changed my mind", EVALUATED_AT.plusSeconds(60)));
        assertThat(store.find(SlaDeadline.idOf(other, DeadlineKind.PAYOUT)).orElseThrow().status()).isEqualTo(DeadlineStatus.CLOSED);
        assertThat(store.dueIndex()).isEmpty();
    }

    @Test
    void redeliveredEventsNeverReopenAClosedDeadline() {
        var evaluation = evaluated(applicationId, EVALUATED_AT, REVIEW_DUE);
        var request = new MoreInformationRequested(applicationId, "?", EVALUATED_AT.plusSeconds(10));
        var answer = new MoreInformationProvided(applicationId, "!", List.of(), EVALUATED_AT.plusSeconds(20));
        deliver(1, evaluation);
        deliver(2, request);
        deliver(3, answer);
        deliver(4, new RefundApplicationRejected(applicationId, "no", EVALUATED_AT.plusSeconds(30)));
        SlaDeadline closed = store.find(review).orElseThrow();

        // After a crash the processor delivers the batch again from an older token.
        deliver(1, evaluation);
        deliver(2, request);
        deliver(3, answer);

        assertThat(store.find(review).orElseThrow()).isEqualTo(closed);
        assertThat(store.dueIndex()).isEmpty();
    }

    @Test
    void aResubmissionsNewEvaluationOpensTheReviewAgain() {
        deliver(1, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        deliver(2, new RefundApplicationRejected(applicationId, "no", EVALUATED_AT.plusSeconds(30)));
        Instant reEvaluatedAt = EVALUATED_AT.plus(Duration.ofDays(3));
        deliver(7, evaluated(applicationId, reEvaluatedAt, reEvaluatedAt.plus(Duration.ofDays(2))));

        assertThat(store.find(review).orElseThrow().status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(store.find(review).orElseThrow().dueAt()).isEqualTo(reEvaluatedAt.plus(Duration.ofDays(2)));
    }

    @Test
    void theApplicationsEscalationEventMarksThatDueTimeEscalatedWhoeverSentIt() {
        deliver(1, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        deliver(2, new RefundApplicationEscalated(applicationId, DeadlineKind.REVIEW, REVIEW_DUE, REVIEW_DUE.plusSeconds(5)));

        SlaDeadline deadline = store.find(review).orElseThrow();
        assertThat(deadline.status()).isEqualTo(DeadlineStatus.ESCALATED);
        assertThat(deadline.escalatedAt()).isEqualTo(millis(REVIEW_DUE.plusSeconds(5)));
        assertThat(store.dueIndex()).isEmpty();
    }

    @Test
    void aStaleEscalationEventDoesNotTouchADeadlineThatMovedOn() {
        deliver(1, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        Instant newDue = REVIEW_DUE.plus(Duration.ofDays(1));
        deliver(2, evaluated(applicationId, EVALUATED_AT.plus(Duration.ofDays(1)), newDue));
        deliver(3, new RefundApplicationEscalated(applicationId, DeadlineKind.REVIEW, REVIEW_DUE, REVIEW_DUE));

        assertThat(store.find(review).orElseThrow().status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(store.dueIndex()).containsEntry(review, millis(newDue));
        assertThat(store.find(review).orElseThrow().dueAt()).isEqualTo(newDue);
    }

    @Test
    void aResetEmptiesTheDeadlinesSoAReplayRebuildsThem() {
        deliver(1, submitted(applicationId, RefundType.REFUND_ONLY));
        deliver(2, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        SlaDeadline built = store.find(review).orElseThrow();

        projection.prepareReset();
        assertThat(store.find(review)).isEmpty();
        assertThat(store.dueIndex()).isEmpty();
        assertThat(store.typeOf(applicationId)).isEmpty();

        deliver(1, submitted(applicationId, RefundType.REFUND_ONLY));
        deliver(2, evaluated(applicationId, EVALUATED_AT, REVIEW_DUE));
        assertThat(store.find(review).orElseThrow()).isEqualTo(built);
        assertThat(store.dueIndex()).containsOnlyKeys(review);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private RefundApplicationApproved approved(Instant at) {
        return new RefundApplicationApproved(applicationId, Money.of("1200", "CNY"), "ok", at, null, null);
    }

    private void deliver(long position, Object payload) {
        var event = new GenericDomainEventMessage<>("RefundApplication", applicationId, sequence++, payload, Map.of());
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }
}
