package io.refundledger.query.analytics.refund;

import io.refundledger.query.analytics.Additive;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.analytics.Shares;

import java.math.BigDecimal;
import java.util.List;

/**
 * Additive figures of a set of refund applications: one application's contribution, a cell (all applications
 * submitted on one day with the same dimensions), or any fold of cells. Each application counts by where it
 * stands now.
 *
 * @param applications           applications counted
 * @param approved               of those, approved and still standing (including paid out or exchanged)
 * @param rejected               standing rejected (a resubmission reopens them)
 * @param withdrawn              withdrawn by the customer side
 * @param resolved               resolved: paid out, rejected, withdrawn, or (exchange) replacement shipped
 * @param resolutionSecondsTotal sum of the resolved applications' times to resolution, in seconds
 * @param resolutionTimes        those times in {@link DurationBuckets}, for percentiles
 * @param requested              amounts requested, as last (re)submitted
 * @param approvedAmounts        amounts approved of the applications standing approved (after inspection)
 * @param paid                   amounts paid out
 */
public record RefundTotals(long applications, long approved, long rejected, long withdrawn, long resolved,
                           long resolutionSecondsTotal, Histogram resolutionTimes, Amounts requested,
                           Amounts approvedAmounts, Amounts paid) implements Additive<RefundTotals> {

    public static final RefundTotals NONE = new RefundTotals(0, 0, 0, 0, 0, 0, Histogram.EMPTY, Amounts.NONE,
            Amounts.NONE, Amounts.NONE);

    @Override
    public RefundTotals plus(RefundTotals other) {
        return new RefundTotals(applications + other.applications, approved + other.approved, rejected + other.rejected,
                withdrawn + other.withdrawn, resolved + other.resolved, resolutionSecondsTotal + other.resolutionSecondsTotal,
                resolutionTimes.plus(other.resolutionTimes), requested.plus(other.requested),
                approvedAmounts.plus(other.approvedAmounts), paid.plus(other.paid));
    }

    @Override
    public RefundTotals plusAll(List<RefundTotals> values) {
        long applications = this.applications, approved = this.approved, rejected = this.rejected,
                withdrawn = this.withdrawn, resolved = this.resolved, seconds = this.resolutionSecondsTotal;
        Histogram.Sum times = new Histogram.Sum().add(resolutionTimes);
        Amounts.Sum requested = new Amounts.Sum().add(this.requested);
        Amounts.Sum approvedAmounts = new Amounts.Sum().add(this.approvedAmounts);
        Amounts.Sum paid = new Amounts.Sum().add(this.paid);
        for (RefundTotals v : values) {
            applications += v.applications;
            approved += v.approved;
            rejected += v.rejected;
            withdrawn += v.withdrawn;
            resolved += v.resolved;
            seconds += v.resolutionSecondsTotal;
            times.add(v.resolutionTimes);
            requested.add(v.requested);
            approvedAmounts.add(v.approvedAmounts);
            paid.add(v.paid);
        }
        return new RefundTotals(applications, approved, rejected, withdrawn, resolved, seconds, times.toHistogram(),
                requested.toAmounts(), approvedAmounts.toAmounts(), paid.toAmounts());
    }

    public RefundTotals minus(RefundTotals other) {
        return new RefundTotals(applications - other.applications, approved - other.approved, rejected - other.rejected,
                withdrawn - other.withdrawn, resolved - other.resolved, resolutionSecondsTotal - other.resolutionSecondsTotal,
                resolutionTimes.minus(other.resolutionTimes), requested.minus(other.requested),
                approvedAmounts.minus(other.approvedAmounts), paid.minus(other.paid));
    }

    /** Still under way: neither approved, rejected nor withdrawn. */
    public long open() {
        return applications - approved - rejected - withdrawn;
    }

    /** Decided: approved, rejected or withdrawn, as they stand. */
    public long decided() {
        return approved + rejected + withdrawn;
    }

    /** approved ÷ decided, four decimals; null while nothing is decided. */
    public BigDecimal approvalRate() {
        return Shares.of(approved, decided());
    }

    /** Mean time to resolution of the resolved applications, rounded to the second; null when none. */
    public Long averageResolutionSeconds() {
        return resolved == 0 ? null : Math.round((double) resolutionSecondsTotal / resolved);
    }

    /** 90th percentile (nearest rank) of the time to resolution, within 1 %; null when none resolved. */
    public Long p90ResolutionSeconds() {
        return resolutionTimes.quantile(0.9, DurationBuckets::secondsOf);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
