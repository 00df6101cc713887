package io.refundledger.command.sla;

import io.refundledger.command.refund.EscalateRefundApplication;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.infrastructure.errors.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Escalates overdue SLA deadlines: for each OPEN deadline past due (by the injected {@link Clock}) it sends
 * {@link EscalateRefundApplication} as the system, through the scheduler channel, and marks the deadline
 * ESCALATED. The application decides whether the deadline still applies and records the escalation at most once;
 * this monitor does not need to know the application's state.
 *
 * <p>Safe with several instances: a deadline is escalated only by the instance that claimed it atomically. If
 * sending fails for a technical reason the claim is simply left to run out and the next run after it tries again
 * (the application tolerates a repeat). If the application refuses with a domain error, that is its answer: it is
 * recorded on the deadline and not repeated.
 */
public class SlaEscalator {

    public static final String SCHEDULER_CHANNEL = "scheduler";
    public static final String SYSTEM_ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(SlaEscalator.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final SlaDeadlineStore store;
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final Duration lease;
    private final int batchSize;

    public SlaEscalator(SlaDeadlineStore store, CommandGateway commandGateway, Clock clock, SlaProperties.Escalation settings) {
        if (settings.batchSize() < 1) {
            throw new IllegalArgumentException("ledger.sla.escalation.batch-size must be at least 1");
        }
        this.store = store;
        this.commandGateway = commandGateway;
        this.clock = clock;
        this.lease = settings.lease();
        this.batchSize = settings.batchSize();
    }

    /**
     * One run over the deadlines due now, earliest first, at most a batch.
     *
     * @return how many were escalated
     */
    public int escalateOverdue() {
        Instant now = clock.instant();
        List<String> due = store.dueIndex().entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(batchSize)
                .map(Map.Entry::getKey)
                .toList();
        int escalated = 0;
        for (String deadlineId : due) {
            try {
                if (escalate(deadlineId, now)) {
                    escalated++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not escalate deadline {}; trying again after its claim runs out: {}", deadlineId, e.toString());
            }
        }
        return escalated;
    }

    private boolean escalate(String deadlineId, Instant now) {
        String claimToken = UUID.randomUUID().toString();
        Optional<SlaDeadline> claimed = store.claimForEscalation(deadlineId, now, lease, claimToken);
        if (claimed.isEmpty()) {
            // Not OPEN and due any more, or another instance has it: the index only needs correcting in the first
            // case, and syncing is harmless in the second.
            if (store.find(deadlineId).map(d -> d.status() != DeadlineStatus.OPEN || d.dueAt().isAfter(now)).orElse(false)) {
                store.syncDueIndex(deadlineId);
            }
            return false;
        }
        SlaDeadline deadline = claimed.get();
        String result;
        try {
            commandGateway.sendAndWait(new EscalateRefundApplication(deadline.applicationId(), deadline.kind(), deadline.dueAt()),
                    MetaData.with(MetadataKeys.CHANNEL, SCHEDULER_CHANNEL)
                            .and(MetadataKeys.ACTOR, SYSTEM_ACTOR)
                            .and(MetadataKeys.REQUEST_ID, "sla-" + claimToken),
                    SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // The application may still ignore it (deadline no longer applies); its RefundApplicationEscalated event,
            // when recorded, turns this into "ESCALATED" via the projection.
            result = "SENT";
        } catch (DomainException refused) {
            result = "REFUSED: " + refused.code();
            log.info("Application {} refused the {} escalation due {}: {}", deadline.applicationId(), deadline.kind(),
                    deadline.dueAt(), refused.code());
        } catch (AggregateNotFoundException unknown) {
            // Deadlines come from the application's own events, so this means its events are gone: asking again
            // cannot help.
            result = "REFUSED: APPLICATION_NOT_FOUND";
            log.warn("Deadline {} belongs to an application the event store does not know", deadlineId);
        }
        if (store.markEscalated(deadlineId, claimToken, deadline.dueAt(), clock.instant(), result)) {
            store.removeFromDueIndex(deadlineId);
        }
        return result.equals("SENT");
    }
}
