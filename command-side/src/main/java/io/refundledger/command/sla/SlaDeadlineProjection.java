package io.refundledger.command.sla;

import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnInspected;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the SLA deadlines in step with the refund events.
 *
 * <ul>
 *   <li>REVIEW opens at the policy's {@code reviewDueBy} when the policy is evaluated (again on resubmission),
 *       stops while the customer is asked for more information and restarts, with the review time the policy
 *       originally gave, when the answer arrives; it closes on the decision (approval or rejection) or withdrawal.
 *       A first approval that still needs finance's second approval leaves it running: the review is not done.</li>
 *   <li>PAYOUT opens at approval for a plain refund, or once returned goods are inspected (passed, or failed with
 *       an adjusted amount still to pay) for returns and exchanges, due {@code payoutDeadline} later; it closes
 *       when the payout succeeds, the replacement ships, or the application is rejected or withdrawn.</li>
 * </ul>
 *
 * <p>Every change is conditional on the event's global position being newer than the deadline's, so redelivered
 * events change nothing; the due index is brought in line after every event, which also repairs a crash between
 * the two writes.
 */
@ProcessingGroup(SlaDeadlineProjection.PROCESSING_GROUP)
public class SlaDeadlineProjection {

    public static final String PROCESSING_GROUP = "sla-deadlines";

    private final SlaDeadlineStore store;
    private final Duration payoutDeadline;

    public SlaDeadlineProjection(SlaDeadlineStore store, Duration payoutDeadline) {
        if (payoutDeadline.isNegative() || payoutDeadline.isZero()) {
            throw new IllegalArgumentException("the payout deadline must be positive, got " + payoutDeadline);
        }
        this.store = store;
        this.payoutDeadline = payoutDeadline;
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token) {
        store.recordType(event.applicationId(), positionOf(token), event.type());
    }

    @EventHandler
    void on(RefundPolicyEvaluated event, TrackingToken token) {
        if (event.reviewDueBy() == null) {
            return; // the policy set no review deadline
        }
        Duration allowance = event.evaluatedAt() == null || event.reviewDueBy().isBefore(event.evaluatedAt())
                ? null : Duration.between(event.evaluatedAt(), event.reviewDueBy());
        Instant openedAt = event.evaluatedAt() == null ? event.reviewDueBy() : event.evaluatedAt();
        store.open(event.applicationId(), DeadlineKind.REVIEW, positionOf(token), event.reviewDueBy(), allowance, openedAt);
        store.syncDueIndex(review(event.applicationId()));
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token) {
        store.pause(review(event.applicationId()), positionOf(token));
        store.syncDueIndex(review(event.applicationId()));
    }

    @EventHandler
    void on(MoreInformationProvided event, TrackingToken token) {
        String id = review(event.applicationId());
        long position = positionOf(token);
        store.find(id)
                .filter(deadline -> deadline.status() == DeadlineStatus.PAUSED && deadline.lastAppliedPosition() < position)
                .filter(deadline -> deadline.reviewAllowance() != null)
                .ifPresent(deadline -> store.open(event.applicationId(), DeadlineKind.REVIEW, position,
                        event.providedAt().plus(deadline.reviewAllowance()), deadline.reviewAllowance(), event.providedAt()));
        store.syncDueIndex(id);
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        long position = positionOf(token);
        closeIfOpen(event.applicationId(), DeadlineKind.REVIEW, position, event.approvedAt(), "RefundApplicationApproved");
        RefundType type = store.typeOf(event.applicationId()).orElse(RefundType.REFUND_ONLY);
        if (type == RefundType.REFUND_ONLY) {
            openPayout(event.applicationId(), position, event.approvedAt());
        }
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token) {
        boolean somethingToPayOrShip = event.outcome() == InspectionOutcome.PASSED
                || (event.adjustedAmount() != null && event.adjustedAmount().isPositive());
        if (somethingToPayOrShip) {
            openPayout(event.applicationId(), positionOf(token), event.inspectedAt());
        }
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        long position = positionOf(token);
        closeIfOpen(event.applicationId(), DeadlineKind.REVIEW, position, event.rejectedAt(), "RefundApplicationRejected");
        closeIfOpen(event.applicationId(), DeadlineKind.PAYOUT, position, event.rejectedAt(), "RefundApplicationRejected");
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token) {
        long position = positionOf(token);
        closeIfOpen(event.applicationId(), DeadlineKind.REVIEW, position, event.withdrawnAt(), "RefundApplicationWithdrawn");
        closeIfOpen(event.applicationId(), DeadlineKind.PAYOUT, position, event.withdrawnAt(), "RefundApplicationWithdrawn");
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        closeIfOpen(event.applicationId(), DeadlineKind.PAYOUT, positionOf(token), event.succeededAt(), "PayoutSucceeded");
    }

    @EventHandler
    void on(ReplacementShipped event, TrackingToken token) {
        closeIfOpen(event.applicationId(), DeadlineKind.PAYOUT, positionOf(token), event.shippedAt(), "ReplacementShipped");
    }

    /** Also covers escalations sent by another instance, and rebuilds the escalated state on a replay. */
    @EventHandler
    void on(RefundApplicationEscalated event, TrackingToken token) {
        String id = SlaDeadline.idOf(event.applicationId(), event.deadline());
        store.escalatedByApplication(id, positionOf(token), event.dueAt(), event.escalatedAt());
        store.syncDueIndex(id);
    }

    /** A replay rebuilds every deadline from the events. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    private void openPayout(String applicationId, long position, Instant from) {
        store.open(applicationId, DeadlineKind.PAYOUT, position, from.plus(payoutDeadline), null, from);
        store.syncDueIndex(SlaDeadline.idOf(applicationId, DeadlineKind.PAYOUT));
    }

    private void closeIfOpen(String applicationId, DeadlineKind kind, long position, Instant at, String closedBy) {
        String id = SlaDeadline.idOf(applicationId, kind);
        store.close(id, position, at, closedBy);
        store.syncDueIndex(id);
    }

    private static String review(String applicationId) {
        return SlaDeadline.idOf(applicationId, DeadlineKind.REVIEW);
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " processor needs tracking tokens with a position, got " + token));
    }
}
