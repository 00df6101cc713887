package io.refundledger.command.sla;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.command.refund.EscalateRefundApplication;
import io.refundledger.events.common.Money;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.testing.MutableClock;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MessageDispatchInterceptor;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.refundledger.command.sla.SlaEvents.evaluated;
import static io.refundledger.command.sla.SlaEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The escalator with a clock the test moves and a command gateway that records what it is sent, over deadlines
 * built by the real projection in a fresh embedded database.
 */
class SlaEscalatorTest {

    private static final Instant EVALUATED_AT = Instant.parse("2026-11-23T02:15:00.123456789Z");
    private static final Instant REVIEW_DUE = EVALUATED_AT.plus(Duration.ofDays(2));
    private static final SlaProperties.Escalation SETTINGS =
            new SlaProperties.Escalation(true, Duration.ofMinutes(1), Duration.ofMinutes(5), 100);

    private static MongoClient client;

    private final MutableClock clock = new MutableClock(EVALUATED_AT);
    private final RecordingGateway gateway = new RecordingGateway();
    private MongoDatabase database;
    private SlaDeadlineStore store;
    private AnnotationEventHandlerAdapter projection;
    private long position;

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
        database = client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase());
        store = new SlaDeadlineStore(database);
        projection = new AnnotationEventHandlerAdapter(new SlaDeadlineProjection(store, Duration.ofDays(3)));
    }

    @Test
    void nothingIsEscalatedBeforeTheDeadlinePasses() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);

        clock.set(REVIEW_DUE.minusMillis(1));
        assertThat(escalator().escalateOverdue()).isZero();

        assertThat(gateway.sent).isEmpty();
        assertThat(store.find(SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW)).orElseThrow().status())
                .isEqualTo(DeadlineStatus.OPEN);
    }

    @Test
    void aPassedDeadlineIsEscalatedOnceAsTheSystemThroughTheSchedulerChannel() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);

        clock.set(REVIEW_DUE.plusSeconds(1));
        assertThat(escalator().escalateOverdue()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(escalator().escalateOverdue()).isZero();

        assertThat(gateway.sent).hasSize(1);
        CommandMessage<?> command = gateway.sent.get(0);
        assertThat(command.getPayload()).isEqualTo(new EscalateRefundApplication(applicationId, DeadlineKind.REVIEW, REVIEW_DUE));
        assertThat(command.getMetaData()).containsEntry(MetadataKeys.CHANNEL, "scheduler").containsEntry(MetadataKeys.ACTOR, "system");
        assertThat(command.getMetaData().get(MetadataKeys.REQUEST_ID)).asString().startsWith("sla-");
        SlaDeadline escalated = store.find(SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW)).orElseThrow();
        assertThat(escalated.status()).isEqualTo(DeadlineStatus.ESCALATED);
        assertThat(escalated.escalatedAt()).isEqualTo(REVIEW_DUE.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        assertThat(escalated.escalationResult()).isEqualTo("SENT");
        assertThat(store.dueIndex()).isEmpty();
    }

    @Test
    void aClosedDeadlineIsNeverEscalated() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);
        deliver(applicationId, new RefundApplicationRejected(applicationId, "no", EVALUATED_AT.plusSeconds(60)));

        clock.set(REVIEW_DUE.plus(Duration.ofDays(30)));
        escalator().escalateOverdue();

        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void eachPassedDeadlineIsEscalatedInItsOwnRightAndOnlyWhenItPasses() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);
        Instant approvedAt = EVALUATED_AT.plus(Duration.ofHours(1));
        deliver(applicationId, new RefundApplicationApproved(applicationId, Money.of("10", "CNY"), null, approvedAt, null, null));

        clock.set(REVIEW_DUE.plusSeconds(1));
        escalator().escalateOverdue();
        assertThat(gateway.sent).as("the review was done in time; the payout is not due yet").isEmpty();

        clock.set(approvedAt.plus(Duration.ofDays(3)));
        escalator().escalateOverdue();
        assertThat(gateway.sent).extracting(c -> (Object) c.getPayload()).containsExactly(
                new EscalateRefundApplication(applicationId, DeadlineKind.PAYOUT, approvedAt.plus(Duration.ofDays(3))));
    }

    @Test
    void aRefusalFromTheApplicationIsItsAnswerAndIsNotRepeated() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);
        gateway.answer = command -> {
            throw DomainException.conflict("DEADLINE_NO_LONGER_APPLIES", "already decided");
        };

        clock.set(REVIEW_DUE.plusSeconds(1));
        escalator().escalateOverdue();
        clock.advance(Duration.ofHours(1));
        escalator().escalateOverdue();

        assertThat(gateway.sent).hasSize(1);
        assertThat(store.find(SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW)).orElseThrow().escalationResult())
                .isEqualTo("REFUSED: DEADLINE_NO_LONGER_APPLIES");
    }

    @Test
    void aSendThatFailsTechnicallyIsTriedAgainOnceTheClaimRunsOut() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);
        gateway.answer = command -> {
            throw new IllegalStateException("event store unavailable");
        };

        clock.set(REVIEW_DUE.plusSeconds(1));
        escalator().escalateOverdue();
        gateway.answer = command -> null;
        clock.advance(SETTINGS.lease().minusSeconds(1));
        escalator().escalateOverdue();
        assertThat(gateway.sent).as("still claimed by the failed attempt").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        escalator().escalateOverdue();

        assertThat(gateway.sent).hasSize(2);
        assertThat(store.find(SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW)).orElseThrow().status())
                .isEqualTo(DeadlineStatus.ESCALATED);
    }

    @Test
    void severalInstancesEscalateEachDeadlineOnce() throws Exception {
        int applications = 30;
        for (int i = 0; i < applications; i++) {
            reviewOpenUntil(REVIEW_DUE);
        }
        clock.set(REVIEW_DUE.plusSeconds(1));
        List<SlaEscalator> instances = List.of(escalator(), escalator(), escalator());
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = instances.stream().map(e -> threads.submit(() -> {
                start.await();
                return e.escalateOverdue() + e.escalateOverdue();
            })).toList();
            start.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(applications);
        } finally {
            threads.shutdownNow();
        }

        assertThat(gateway.sent).hasSize(applications);
        assertThat(gateway.sent).extracting(c -> ((EscalateRefundApplication) c.getPayload()).applicationId())
                .doesNotHaveDuplicates();
    }

    @Test
    void deadlinesAndTheirDueIndexSurviveARestart() {
        String applicationId = reviewOpenUntil(REVIEW_DUE);
        // A new store and escalator on the same database: what a restarted instance has.
        SlaDeadlineStore afterRestart = new SlaDeadlineStore(database);
        SlaEscalator restarted = new SlaEscalator(afterRestart, gateway, clock, SETTINGS);

        clock.set(REVIEW_DUE.plusSeconds(1));
        restarted.escalateOverdue();

        assertThat(gateway.sent).extracting(c -> (Object) c.getPayload())
                .containsExactly(new EscalateRefundApplication(applicationId, DeadlineKind.REVIEW, REVIEW_DUE));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private SlaEscalator escalator() {
        return new SlaEscalator(store, gateway, clock, SETTINGS);
    }

    private String reviewOpenUntil(Instant dueAt) {
        String applicationId = UUID.randomUUID().toString();
        deliver(applicationId, submitted(applicationId, RefundType.REFUND_ONLY));
        deliver(applicationId, evaluated(applicationId, EVALUATED_AT, dueAt));
        return applicationId;
    }

    private void deliver(String applicationId, Object payload) {
        position++;
        var event = new GenericDomainEventMessage<>("RefundApplication", applicationId, position, payload, Map.of());
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }

    /** Records every command (with its metadata) and answers as the test says; by default with success. */
    private static final class RecordingGateway implements CommandGateway {
        final List<CommandMessage<?>> sent = new CopyOnWriteArrayList<>();
        volatile Function<CommandMessage<?>, Object> answer = command -> null;

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            sent.add(message);
            return (R) answer.apply(message);
        }

        @Override
        public <R> R sendAndWait(Object command) {
            return sendAndWait(command, 1, TimeUnit.SECONDS);
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException("the escalator waits for the answer");
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException("the escalator waits for the answer");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }
}
