package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Shares;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Subscription cancellations requested (or refused) between {@code from} and {@code to} (business zone), broken
 * down by one dimension, over time, with the top products. Money is per currency (currency → decimal string).
 *
 * @param totals      everything the filters let through
 * @param groups      per value of {@code groupBy}, most requests first
 * @param trend       per period of {@code granularity}, oldest first, empty periods included
 * @param topProducts products with the most cancellation requests and the largest net refunds
 */
public record CancellationReasonBreakdownView(LocalDate from, LocalDate to, Granularity granularity,
                                              CancellationGroupBy groupBy, String businessZone,
                                              CancellationFilters filters, CancellationFiguresView totals,
                                              List<CancellationGroupView> groups, List<CancellationPeriodView> trend,
                                              TopCancellationProductsView topProducts) {

    /**
     * The figures of a set of cancellations, each request counted by where it stands now.
     *
     * @param requested         cancellations requested on the days counted
     * @param refused           attempts refused under the contract on those days (never requests)
     * @param revoked           requests the customer took back
     * @param terminated        requests that ended the subscription
     * @param open              requested, neither revoked nor terminated yet
     * @param netRefund         net refunds of the terminated requests' settlements
     * @param refundPaid        of those, paid out through the linked refund application
     * @param daysToTermination from the request's day to the termination's day
     * @param shareOfTotal      this set's part of the whole it is compared with
     */
    public record CancellationFiguresView(long requested, long refused, long revoked, long terminated, long open,
                                          Map<String, String> netRefund, Map<String, String> refundPaid,
                                          DaysToTerminationView daysToTermination, ShareView shareOfTotal) {

        static CancellationFiguresView of(CancellationTotals totals, CancellationTotals whole) {
            return new CancellationFiguresView(totals.requested(), totals.refused(), totals.revoked(), totals.terminated(),
                    totals.open(), totals.netRefund().asStrings(), totals.refundPaid().asStrings(),
                    new DaysToTerminationView(totals.terminated(), totals.averageDaysToTermination(),
                            totals.p90DaysToTermination()),
                    new ShareView(Shares.of(totals.requested(), whole.requested()),
                            Shares.of(totals.netRefund(), whole.netRefund())));
        }
    }

    /**
     * Calendar days (business zone) from the request to the termination, over terminated requests.
     *
     * @param averageDays mean, one decimal; null when none terminated
     * @param p90Days     90th percentile (nearest rank), exact; null when none terminated
     */
    public record DaysToTerminationView(long terminated, BigDecimal averageDays, Long p90Days) {
    }

    /**
     * A part of a whole, 0 to 1 to four decimals (as for refunds: a group of the range, a period of the range, a
     * period's group of the period).
     *
     * @param requested share of the requests; null when the whole has none
     * @param netRefund share of the net refund, per currency of the whole
     */
    public record ShareView(BigDecimal requested, Map<String, BigDecimal> netRefund) {
    }

    /** @param key the value of the group-by dimension, e.g. {@code PRICE}; {@code UNKNOWN} when not stated */
    public record CancellationGroupView(String key, CancellationFiguresView figures) {
    }

    /**
     * @param period the calendar period: {@code 2026-11-23}, {@code 2026-W48} or {@code 2026-11}
     * @param start  first day counted (clipped to {@code from})
     * @param end    last day counted (clipped to {@code to})
     */
    public record CancellationPeriodView(String period, LocalDate start, LocalDate end, CancellationFiguresView totals,
                                         List<CancellationGroupView> groups) {
    }

    /**
     * @param byRequests  most cancellation requests first
     * @param byNetRefund per currency, largest net refund first
     */
    public record TopCancellationProductsView(List<ProductRankView> byRequests,
                                              Map<String, List<ProductRankView>> byNetRefund) {
    }

    public record ProductRankView(@Schema(example = "CRM-PRO") String productId, long requested, long terminated,
                                  Map<String, String> netRefund) {
    }
}
