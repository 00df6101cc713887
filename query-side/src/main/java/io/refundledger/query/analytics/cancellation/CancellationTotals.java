package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.Additive;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.Histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Additive figures of subscription cancellations: one request's contribution, a cell, or any fold of cells. Each
 * request counts by where it stands now.
 *
 * @param requested                cancellations requested (accepted for processing)
 * @param refused                  cancellation attempts refused under the contract (never requests)
 * @param revoked                  requests the customer took back
 * @param terminated               requests that ended the subscription
 * @param daysToTerminationTotal   sum over terminated requests of the calendar days from request to termination
 * @param daysToTermination        those days, exactly (bucket = days; a term is at most a few hundred days, so a
 *                                 cell holds few distinct values)
 * @param netRefund                net refunds of the terminated requests' settlements
 * @param refundPaid               of those, paid out (the linked refund application was paid)
 */
public record CancellationTotals(long requested, long refused, long revoked, long terminated, long daysToTerminationTotal,
                                 Histogram daysToTermination, Amounts netRefund, Amounts refundPaid)
        implements Additive<CancellationTotals> {

    public static final CancellationTotals NONE = new CancellationTotals(0, 0, 0, 0, 0, Histogram.EMPTY, Amounts.NONE,
            Amounts.NONE);

    public static CancellationTotals oneRefusal() {
        return new CancellationTotals(0, 1, 0, 0, 0, Histogram.EMPTY, Amounts.NONE, Amounts.NONE);
    }

    @Override
    public CancellationTotals plus(CancellationTotals o) {
        return new CancellationTotals(requested + o.requested, refused + o.refused, revoked + o.revoked,
                terminated + o.terminated, daysToTerminationTotal + o.daysToTerminationTotal,
                daysToTermination.plus(o.daysToTermination), netRefund.plus(o.netRefund), refundPaid.plus(o.refundPaid));
    }

    @Override
    public CancellationTotals plusAll(List<CancellationTotals> values) {
        long requested = this.requested, refused = this.refused, revoked = this.revoked, terminated = this.terminated,
                days = this.daysToTerminationTotal;
        Histogram.Sum daysToTermination = new Histogram.Sum().add(this.daysToTermination);
        Amounts.Sum netRefund = new Amounts.Sum().add(this.netRefund);
        Amounts.Sum refundPaid = new Amounts.Sum().add(this.refundPaid);
        for (CancellationTotals v : values) {
            requested += v.requested;
            refused += v.refused;
            revoked += v.revoked;
            terminated += v.terminated;
            days += v.daysToTerminationTotal;
            daysToTermination.add(v.daysToTermination);
            netRefund.add(v.netRefund);
            refundPaid.add(v.refundPaid);
        }
        return new CancellationTotals(requested, refused, revoked, terminated, days, daysToTermination.toHistogram(),
                netRefund.toAmounts(), refundPaid.toAmounts());
    }

    public CancellationTotals minus(CancellationTotals o) {
        return new CancellationTotals(requested - o.requested, refused - o.refused, revoked - o.revoked,
                terminated - o.terminated, daysToTerminationTotal - o.daysToTerminationTotal,
                daysToTermination.minus(o.daysToTermination), netRefund.minus(o.netRefund), refundPaid.minus(o.refundPaid));
    }

    /** Requested, neither revoked nor terminated yet. */
    public long open() {
        return requested - revoked - terminated;
    }

    /** Mean days from request to termination, one decimal; null when none terminated. */
    public BigDecimal averageDaysToTermination() {
        return terminated == 0 ? null
                : BigDecimal.valueOf(daysToTerminationTotal).divide(BigDecimal.valueOf(terminated), 1, RoundingMode.HALF_UP);
    }

    /** 90th percentile (nearest rank, exact) of days from request to termination; null when none terminated. */
    public Long p90DaysToTermination() {
        return daysToTermination.quantile(0.9, days -> days);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
