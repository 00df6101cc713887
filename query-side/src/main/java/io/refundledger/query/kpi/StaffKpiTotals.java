package io.refundledger.query.kpi;

import io.refundledger.query.analytics.Additive;
import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Histogram;

import java.util.List;

/**
 * Additive figures of one staff member: what one event adds, a cell (a day, an ISO week or a month), or any fold of
 * cells. Durations are counted in {@link DurationBuckets} ({@link Histogram}s), not kept one by one, so a cell stays a
 * few hundred counters however many decisions it holds, and a week or month cell is the sum of its days (a list of
 * every duration made a quarter's question read every duration ever measured in it). Immutable.
 *
 * @param reviewTimes   the review times of the first-level decisions that have one, seconds in {@link DurationBuckets}
 * @param endToEndTimes first submission to successful payout, for the approvals this staff member made, likewise
 * @param ratingSum     the sum of the customer ratings counted in {@code ratings}
 */
record StaffKpiTotals(long handled, long approved, long rejected, long secondApprovals, long secondRejections,
                      Histogram reviewTimes, Histogram endToEndTimes, long slaBreaches, long informationRequests,
                      long ratingSum, long ratings, long reopened) implements Additive<StaffKpiTotals> {

    static final StaffKpiTotals NONE = new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Histogram.EMPTY, 0, 0, 0, 0, 0);

    StaffKpiTotals {
        reviewTimes = reviewTimes == null ? Histogram.EMPTY : reviewTimes;
        endToEndTimes = endToEndTimes == null ? Histogram.EMPTY : endToEndTimes;
    }

    static StaffKpiTotals approval(Long reviewSeconds) {
        return new StaffKpiTotals(1, 1, 0, 0, 0, durations(reviewSeconds), Histogram.EMPTY, 0, 0, 0, 0, 0);
    }

    static StaffKpiTotals rejection(Long reviewSeconds) {
        return new StaffKpiTotals(1, 0, 1, 0, 0, durations(reviewSeconds), Histogram.EMPTY, 0, 0, 0, 0, 0);
    }

    static StaffKpiTotals secondApproval() {
        return new StaffKpiTotals(0, 0, 0, 1, 0, Histogram.EMPTY, Histogram.EMPTY, 0, 0, 0, 0, 0);
    }

    static StaffKpiTotals secondRejection() {
        return new StaffKpiTotals(0, 0, 0, 0, 1, Histogram.EMPTY, Histogram.EMPTY, 0, 0, 0, 0, 0);
    }

    static StaffKpiTotals paidOut(long endToEndSeconds) {
        return new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, durations(endToEndSeconds), 0, 0, 0, 0, 0);
    }

    static StaffKpiTotals slaBreach() {
        return new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Histogram.EMPTY, 1, 0, 0, 0, 0);
    }

    static StaffKpiTotals informationRequest() {
        return new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Histogram.EMPTY, 0, 1, 0, 0, 0);
    }

    static StaffKpiTotals rating(int rating) {
        return new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Histogram.EMPTY, 0, 0, rating, 1, 0);
    }

    static StaffKpiTotals reopening() {
        return new StaffKpiTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Histogram.EMPTY, 0, 0, 0, 0, 1);
    }

    /** One duration in seconds, or none when it was not measured. */
    static Histogram durations(Long seconds) {
        return seconds == null ? Histogram.EMPTY : Histogram.of(DurationBuckets.bucketOf(seconds));
    }

    @Override
    public StaffKpiTotals plus(StaffKpiTotals other) {
        return new StaffKpiTotals(handled + other.handled, approved + other.approved, rejected + other.rejected,
                secondApprovals + other.secondApprovals, secondRejections + other.secondRejections,
                reviewTimes.plus(other.reviewTimes), endToEndTimes.plus(other.endToEndTimes),
                slaBreaches + other.slaBreaches, informationRequests + other.informationRequests,
                ratingSum + other.ratingSum, ratings + other.ratings, reopened + other.reopened);
    }

    @Override
    public StaffKpiTotals plusAll(List<StaffKpiTotals> values) {
        KpiTally tally = new KpiTally().add(this);
        values.forEach(tally::add);
        return tally.totals();
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
