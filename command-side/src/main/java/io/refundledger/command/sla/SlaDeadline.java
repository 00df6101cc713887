package io.refundledger.command.sla;

import io.refundledger.events.refund.DeadlineKind;

import java.time.Duration;
import java.time.Instant;

/**
 * One deadline in {@code sla_deadlines}, {@code _id} = {@code applicationId:kind}.
 *
 * @param dueAt              exactly as the event set it (kept to the nanosecond, because the application compares
 *                           it with its own deadline to tell a current escalation from a stale one)
 * @param reviewAllowance    for REVIEW: how long the policy gave for the review, used again when the review resumes
 *                           after more information
 * @param closedBy           the event that closed the deadline
 * @param escalationResult   {@code SENT} (command accepted), {@code ESCALATED} (the application recorded the
 *                           escalation event) or {@code REFUSED: <code>}
 * @param lastAppliedPosition the global position of the last event applied to this deadline
 */
public record SlaDeadline(
        String id,
        String applicationId,
        DeadlineKind kind,
        DeadlineStatus status,
        Instant dueAt,
        Duration reviewAllowance,
        Instant openedAt,
        Instant closedAt,
        String closedBy,
        Instant escalatedAt,
        String escalationResult,
        long lastAppliedPosition) {

    public static String idOf(String applicationId, DeadlineKind kind) {
        return applicationId + ":" + kind.name();
    }
}
