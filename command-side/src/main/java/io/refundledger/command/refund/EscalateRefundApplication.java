package io.refundledger.command.refund;

import io.refundledger.events.refund.DeadlineKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sent by the SLA monitor when a deadline the policy set has passed. The application decides whether the
 * deadline still applies (it may have moved on meanwhile) and records the escalation at most once.
 */
public record EscalateRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        DeadlineKind deadline,
        Instant dueAt) {
}
