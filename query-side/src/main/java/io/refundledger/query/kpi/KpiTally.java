package io.refundledger.query.kpi;

import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Folds cells, of one person or of a whole team, into figures for a period: counts are added, and the durations'
 * histograms merged by adding their counts, so medians and p90s are taken over every duration of the period however
 * many cells (days, weeks, months) it is read from. Pure; not thread-safe.
 */
final class KpiTally {

    private long handled;
    private long approved;
    private long rejected;
    private long secondApprovals;
    private long secondRejections;
    // Added into one sum each: pairwise Histogram#plus would copy a map per cell.
    private final Histogram.Sum reviewTimes = new Histogram.Sum();
    private final Histogram.Sum endToEndTimes = new Histogram.Sum();
    private long slaBreaches;
    private long informationRequests;
    private long ratingSum;
    private long ratings;
    private long reopened;

    KpiTally add(StaffKpiTotals t) {
        handled += t.handled();
        approved += t.approved();
        rejected += t.rejected();
        secondApprovals += t.secondApprovals();
        secondRejections += t.secondRejections();
        reviewTimes.add(t.reviewTimes());
        endToEndTimes.add(t.endToEndTimes());
        slaBreaches += t.slaBreaches();
        informationRequests += t.informationRequests();
        ratingSum += t.ratingSum();
        ratings += t.ratings();
        reopened += t.reopened();
        return this;
    }

    KpiTally add(StaffKpiCell cell) {
        return add(cell.totals());
    }

    /** What was added, as one set of totals. */
    StaffKpiTotals totals() {
        return new StaffKpiTotals(handled, approved, rejected, secondApprovals, secondRejections, reviewTimes.toHistogram(),
                endToEndTimes.toHistogram(), slaBreaches, informationRequests, ratingSum, ratings, reopened);
    }

    StaffKpiFigures figures() {
        return new StaffKpiFigures(handled, approved, rejected, rate(approved, handled), secondApprovals, secondRejections,
                reviewTimes.total(), percentile(reviewTimes, 0.5), percentile(reviewTimes, 0.9),
                endToEndTimes.total(), percentile(endToEndTimes, 0.5), percentile(endToEndTimes, 0.9),
                slaBreaches, informationRequests,
                ratings, ratings == 0 ? null : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(ratings), 2, RoundingMode.HALF_UP),
                reopened, rate(reopened, rejected));
    }

    /**
     * Nearest rank over the histogram: what the bucket holding the ⌈q·n⌉-th smallest duration stands for
     * ({@link DurationBuckets#secondsOf}), within {@value DurationBuckets#RELATIVE_ERROR_PERCENT} % of that duration.
     * Null when nothing was measured.
     */
    static Long percentile(Histogram.Sum durations, double quantile) {
        return durations.quantile(quantile, DurationBuckets::secondsOf);
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
