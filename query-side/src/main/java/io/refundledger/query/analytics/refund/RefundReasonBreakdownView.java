package io.refundledger.query.analytics.refund;

import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Shares;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Refund applications first submitted between {@code from} and {@code to} (business zone), broken down by one
 * dimension, over time, with the top products. Money is per currency (currency → decimal string), never added
 * across currencies.
 *
 * @param totals      every application the filters let through
 * @param groups      per value of {@code groupBy}, most applications first
 * @param trend       per period of {@code granularity}, oldest first, empty periods included
 * @param topProducts products with the most refund applications and the largest amounts
 */
public record RefundReasonBreakdownView(LocalDate from, LocalDate to, Granularity granularity, RefundGroupBy groupBy,
                                        String businessZone, RefundFilters filters, RefundFiguresView totals,
                                        List<RefundGroupView> groups, List<RefundPeriodView> trend,
                                        TopRefundProductsView topProducts) {

    /**
     * The figures of a set of applications, each counted by where it stands now.
     *
     * @param applications      applications submitted in the range
     * @param approved          approved and still standing (including paid out or exchanged)
     * @param rejected          standing rejected (a resubmission reopens an application)
     * @param withdrawn         withdrawn by the customer side
     * @param open              none of those yet
     * @param approvalRate      approved ÷ (approved + rejected + withdrawn), 0 to 1; null when none is decided
     * @param requestedAmount   requested, as last (re)submitted
     * @param approvedAmount    approved, of the applications standing approved, after inspection of returns
     * @param paidAmount        paid out
     * @param timeToResolution  from the first submission to the resolution
     * @param shareOfTotal      this set's part of the whole it is compared with
     */
    public record RefundFiguresView(long applications, long approved, long rejected, long withdrawn, long open,
                                    BigDecimal approvalRate, Map<String, String> requestedAmount,
                                    Map<String, String> approvedAmount, Map<String, String> paidAmount,
                                    ResolutionTimeView timeToResolution, ShareView shareOfTotal) {

        static RefundFiguresView of(RefundTotals totals, RefundTotals whole) {
            return new RefundFiguresView(totals.applications(), totals.approved(), totals.rejected(), totals.withdrawn(),
                    totals.open(), totals.approvalRate(), totals.requested().asStrings(),
                    totals.approvedAmounts().asStrings(), totals.paid().asStrings(),
                    new ResolutionTimeView(totals.resolved(), totals.averageResolutionSeconds(),
                            totals.p90ResolutionSeconds()),
                    ShareView.of(totals, whole));
        }
    }

    /**
     * Time from the first submission to the resolution that stands: payout completed, rejected, withdrawn, or the
     * replacement shipped (exchange). Only resolved applications count.
     *
     * @param resolved       how many are resolved
     * @param averageSeconds mean, to the second; null when none is resolved
     * @param p90Seconds     90th percentile (nearest rank), within 1 %; null when none is resolved
     */
    public record ResolutionTimeView(long resolved, Long averageSeconds, Long p90Seconds) {
    }

    /**
     * A part of a whole, 0 to 1 to four decimals: a group of the range's total, a period of the range's total, a
     * period's group of the period's total.
     *
     * @param applications    share of the applications; null when the whole has none
     * @param requestedAmount share of the requested amount, per currency of the whole
     */
    public record ShareView(BigDecimal applications, Map<String, BigDecimal> requestedAmount) {

        static ShareView of(RefundTotals part, RefundTotals whole) {
            return new ShareView(Shares.of(part.applications(), whole.applications()),
                    Shares.of(part.requested(), whole.requested()));
        }
    }

    /** @param key the value of the group-by dimension, e.g. {@code PRODUCT_QUALITY}; {@code UNKNOWN} when not stated */
    public record RefundGroupView(String key, RefundFiguresView figures) {
    }

    /**
     * One period of the trend.
     *
     * @param period the calendar period: {@code 2026-11-23}, {@code 2026-W48} (ISO week, Monday first) or {@code 2026-11}
     * @param start  first day counted (clipped to {@code from})
     * @param end    last day counted (clipped to {@code to})
     * @param totals the period's figures; shares are of the range's total
     * @param groups the period's figures per group; shares are of the period's total
     */
    public record RefundPeriodView(String period, LocalDate start, LocalDate end, RefundFiguresView totals,
                                   List<RefundGroupView> groups) {
    }

    /**
     * @param byApplications    most applications first
     * @param byRequestedAmount per currency, largest requested amount first
     * @param byPaidAmount      per currency, largest paid amount first
     */
    public record TopRefundProductsView(List<ProductRankView> byApplications,
                                        Map<String, List<ProductRankView>> byRequestedAmount,
                                        Map<String, List<ProductRankView>> byPaidAmount) {
    }

    public record ProductRankView(@Schema(example = "CRM-PRO") String productId, long applications,
                                  Map<String, String> requestedAmount, Map<String, String> paidAmount) {
    }
}
