package io.refundledger.query.analytics.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.query.analytics.CellKeys;
import io.refundledger.query.refund.RefundLifecycle;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How each refund event changes an application's contribution to the analytics. Pure.
 *
 * <ul>
 *   <li>The period is the business day of the <em>first</em> submission (a cohort view); a resubmission keeps it
 *       but takes the new reason category and requested amount, reopens the application and drops its
 *       approval and resolution.</li>
 *   <li>Approved amount: as approved, reduced by a return's inspection as the command side decides it; a
 *       rejection or withdrawal takes it away.</li>
 *   <li>Resolution: the payout that completes the application, the rejection, the withdrawal, or (exchange) the
 *       replacement's shipment. Time to resolution runs from the first submission to that event.</li>
 * </ul>
 */
public final class RefundAnalyticsFold {

    private final ZoneId businessZone;

    public RefundAnalyticsFold(ZoneId businessZone) {
        this.businessZone = businessZone;
    }

    /** @param customerChannel the submission's {@code customerChannel} metadata, may be null */
    public RefundApplicationTrack submitted(RefundApplicationSubmitted event, Object customerChannel, long position) {
        Instant submittedAt = millis(event.submittedAt());
        RefundCellKey cell = new RefundCellKey(LocalDate.ofInstant(submittedAt, businessZone).toString(),
                event.reasonCategory() == null ? CellKeys.UNKNOWN : event.reasonCategory().name(),
                CellKeys.orUnknown(event.productId()), CellKeys.orUnknown(event.customerSegment()),
                CellKeys.channel(customerChannel));
        return new RefundApplicationTrack(event.applicationId(), cell, event.type(), submittedAt, RefundOutcome.OPEN,
                MoneyView.of(event.requestedAmount()), null, null, null, position);
    }

    /** The track after {@code event}; unchanged (but for the position) for events that change no figure. */
    public RefundApplicationTrack apply(RefundApplicationTrack t, Object event, long position) {
        if (event instanceof RefundApplicationResubmitted e) {
            RefundCellKey cell = e.reasonCategory() == null ? t.cell() : t.cell().withReason(e.reasonCategory().name());
            MoneyView requested = e.requestedAmount() == null ? t.requested() : MoneyView.of(e.requestedAmount());
            return new RefundApplicationTrack(t.applicationId(), cell, t.type(), t.submittedAt(), RefundOutcome.OPEN,
                    requested, null, t.paid(), null, position);
        }
        if (event instanceof RefundApplicationApproved e) {
            return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), RefundOutcome.APPROVED,
                    t.requested(), MoneyView.of(e.approvedAmount()), t.paid(), t.resolutionSeconds(), position);
        }
        if (event instanceof ReturnInspected e) {
            MoneyView approved = t.approved() == null ? null : RefundLifecycle.refundableAfterInspection(t.type(),
                    t.approved(), e.outcome(), MoneyView.of(e.adjustedAmount()));
            return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), t.outcome(),
                    t.requested(), approved, t.paid(), t.resolutionSeconds(), position);
        }
        if (event instanceof RefundApplicationRejected e) {
            return closed(t, RefundOutcome.REJECTED, e.rejectedAt(), position);
        }
        if (event instanceof RefundApplicationWithdrawn e) {
            return closed(t, RefundOutcome.WITHDRAWN, e.withdrawnAt(), position);
        }
        if (event instanceof PayoutSucceeded e) {
            Money paid = t.paid() == null ? e.amount() : t.paid().toMoney().plus(e.amount());
            return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), t.outcome(),
                    t.requested(), t.approved(), MoneyView.of(paid), resolvedBy(t, e.succeededAt()), position);
        }
        if (event instanceof ReplacementShipped e) {
            return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), t.outcome(),
                    t.requested(), t.approved(), t.paid(), resolvedBy(t, e.shippedAt()), position);
        }
        return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), t.outcome(),
                t.requested(), t.approved(), t.paid(), t.resolutionSeconds(), position);
    }

    private static RefundApplicationTrack closed(RefundApplicationTrack t, RefundOutcome outcome, Instant at, long position) {
        return new RefundApplicationTrack(t.applicationId(), t.cell(), t.type(), t.submittedAt(), outcome,
                t.requested(), null, t.paid(), secondsSinceSubmission(t, at), position);
    }

    /** The first resolution stands: a later completion does not move it. */
    private static Long resolvedBy(RefundApplicationTrack t, Instant at) {
        return t.resolutionSeconds() != null ? t.resolutionSeconds() : secondsSinceSubmission(t, at);
    }

    private static Long secondsSinceSubmission(RefundApplicationTrack t, Instant at) {
        return Math.max(0, Duration.between(t.submittedAt(), millis(at)).getSeconds());
    }

    /** Stored dates keep milliseconds; figures computed before and after storing must agree. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
