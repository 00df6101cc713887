package io.refundledger.command.sla;

import io.refundledger.command.notification.CustomerNotificationProjection;
import io.refundledger.command.notification.NotificationDispatcher;
import io.refundledger.command.notification.NotificationOutbox;
import io.refundledger.command.notification.NotificationStatus;
import io.refundledger.command.notification.OutboxEntry;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running command side: both processors start as pooled processors with their tokens in MongoDB, pick up
 * events from the real event store, and feed the outbox and the deadlines; the dispatcher and escalator beans
 * work against what they built.
 */
class NotificationAndSlaWiringTest extends CommandSideSpringTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TokenStore tokenStore;
    @Autowired
    private NotificationOutbox outbox;
    @Autowired
    private NotificationDispatcher dispatcher;
    @Autowired
    private SlaDeadlineStore deadlines;
    @Autowired
    private SlaEscalator escalator;

    @Test
    void bothProcessorsRunAsPooledProcessorsWithTheirTokensInMongo() {
        for (String name : List.of(CustomerNotificationProjection.PROCESSING_GROUP, SlaDeadlineProjection.PROCESSING_GROUP)) {
            PooledStreamingEventProcessor processor = processing.eventProcessor(name, PooledStreamingEventProcessor.class)
                    .orElseThrow(() -> new AssertionError("no pooled processor " + name));
            await(name + " is running").atMost(Duration.ofSeconds(20)).until(processor::isRunning);
            await(name + " has its segments in the token store").atMost(Duration.ofSeconds(20))
                    .until(() -> tokenStore.fetchSegments(name).length == 2);
        }
    }

    @Test
    void aRequestedNotificationReachesTheOutboxAndIsDelivered() {
        String applicationId = UUID.randomUUID().toString();
        String notificationId = applicationId + "-n1";
        publish(applicationId, new CustomerNotificationRequested(applicationId, notificationId, NotificationChannel.EMAIL,
                "refund-submitted", "C-1001", NOW));

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.find(notificationId).isPresent());
        dispatcher.dispatchDue(); // the scheduled run may have been first; either way it is delivered once

        OutboxEntry entry = outbox.find(notificationId).orElseThrow();
        assertThat(entry.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.subject()).contains("已提交");
    }

    @Test
    void anEvaluatedApplicationGetsAReviewDeadlineThatIsNotEscalatedBeforeItIsDue() {
        String applicationId = UUID.randomUUID().toString();
        publish(applicationId, new RefundPolicyEvaluated(applicationId, "2026.11-1", true,
                List.of(new PolicyRuleResult("WITHIN_WINDOW", true, "ok")), Money.of("100", "CNY"), List.of(), false,
                NOW.plus(Duration.ofDays(2)), NOW));
        String deadlineId = SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.find(deadlineId).isPresent());
        escalator.escalateOverdue();

        SlaDeadline deadline = deadlines.find(deadlineId).orElseThrow();
        assertThat(deadline.status()).isEqualTo(DeadlineStatus.OPEN);
        assertThat(deadline.dueAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    }

    /** Events of an application nobody else in the test knows, straight into the event store. */
    private void publish(String applicationId, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("RefundApplication", applicationId, 0, payload));
    }
}
