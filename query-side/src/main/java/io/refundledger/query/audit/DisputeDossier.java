package io.refundledger.query.audit;

import io.refundledger.infrastructure.audit.SignedDigest;
import io.refundledger.query.refund.RefundProgressView;

import java.time.Instant;
import java.util.List;

/**
 * Everything about one refund application an arbiter needs, in one export: where it stands, every status change
 * with who and when, the policy evaluation(s), approvals and decisions, notifications, payouts, the order-ledger
 * reservations for it, its complete history, and the signed digest of the whole event log at the time of export,
 * so the history can later be shown to be part of an untampered log.
 *
 * @param generatedBy the auditor who exported it
 * @param logDigest   the signed head of the event log at export time
 */
public record DisputeDossier(
        String applicationId,
        String applicationNumber,
        String customerId,
        String orderId,
        Instant generatedAt,
        String generatedBy,
        RefundProgressView currentState,
        List<StatusTransition> statusTransitions,
        List<AuditEntry> policyEvaluations,
        List<AuditEntry> decisions,
        List<AuditEntry> notifications,
        List<AuditEntry> payouts,
        List<AuditEntry> orderLedger,
        List<AuditEntry> history,
        SignedDigest logDigest) {

    public DisputeDossier {
        statusTransitions = List.copyOf(statusTransitions);
        policyEvaluations = List.copyOf(policyEvaluations);
        decisions = List.copyOf(decisions);
        notifications = List.copyOf(notifications);
        payouts = List.copyOf(payouts);
        orderLedger = List.copyOf(orderLedger);
        history = List.copyOf(history);
    }
}
