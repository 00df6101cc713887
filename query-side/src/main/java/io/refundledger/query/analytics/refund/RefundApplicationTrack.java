package io.refundledger.query.analytics.refund;

import io.refundledger.events.refund.RefundType;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;

/**
 * What one application contributes to the analytics and in which cell, stored per application
 * ({@code _id} = application id) so a later event can take out exactly what was put in: a payout adds to the
 * same cell, a resubmission with another reason moves the whole contribution to another cell.
 *
 * @param submittedAt         the first submission (the period the application belongs to and where its time to
 *                            resolution starts)
 * @param resolutionSeconds   time from the first submission to the resolution that stands; null while unresolved
 * @param lastAppliedPosition global position of the last event applied to this application
 */
public record RefundApplicationTrack(String applicationId, RefundCellKey cell, RefundType type, Instant submittedAt,
                                     RefundOutcome outcome, MoneyView requested, MoneyView approved, MoneyView paid,
                                     Long resolutionSeconds, long lastAppliedPosition) {

    public RefundTotals contribution() {
        boolean resolved = resolutionSeconds != null;
        return new RefundTotals(1,
                outcome == RefundOutcome.APPROVED ? 1 : 0,
                outcome == RefundOutcome.REJECTED ? 1 : 0,
                outcome == RefundOutcome.WITHDRAWN ? 1 : 0,
                resolved ? 1 : 0,
                resolved ? resolutionSeconds : 0,
                resolved ? Histogram.of(DurationBuckets.bucketOf(resolutionSeconds)) : Histogram.EMPTY,
                amounts(requested), amounts(approved), amounts(paid));
    }

    private static Amounts amounts(MoneyView money) {
        return money == null ? Amounts.NONE : Amounts.of(money.toMoney());
    }
}
