package io.refundledger.query.analytics.refund;

import io.refundledger.events.common.Money;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.ProductRankView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundGroupView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundPeriodView;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells folded into a breakdown, without storage: groups, shares, periods, resolution times and top products. */
class RefundBreakdownTest {

    private static RefundCell cell(String day, String reason, String product, long applications, long approved,
                                   long rejected, Money requested, Money paid, long... resolutionSeconds) {
        Histogram times = Histogram.EMPTY;
        long total = 0;
        for (long seconds : resolutionSeconds) {
            times = times.plus(Histogram.of(DurationBuckets.bucketOf(seconds)));
            total += seconds;
        }
        return new RefundCell(new RefundCellKey(day, reason, product, "SMB", "ONLINE"),
                new RefundTotals(applications, approved, rejected, 0, resolutionSeconds.length, total, times,
                        Amounts.of(requested), Amounts.NONE, Amounts.of(paid)), 1);
    }

    private static FindRefundReasonBreakdown question(String from, String to, Granularity granularity, RefundGroupBy groupBy) {
        return new FindRefundReasonBreakdown(new AnalyticsRange(LocalDate.parse(from), LocalDate.parse(to), granularity),
                groupBy, RefundFilters.NONE, 2);
    }

    private final List<RefundCell> cells = List.of(
            cell("2026-11-02", "PRODUCT_QUALITY", "CRM-PRO", 3, 2, 1, Money.of("900", "CNY"), Money.of("600", "CNY"), 3_600, 7_200, 86_400),
            cell("2026-11-20", "PRODUCT_QUALITY", "CRM-BASIC", 1, 1, 0, Money.of("100", "CNY"), null, 1_800),
            cell("2026-11-30", "WRONG_ITEM", "PHONE-X", 2, 0, 0, Money.of("50", "USD"), null),
            cell("2026-12-01", "WRONG_ITEM", "CRM-PRO", 4, 1, 3, Money.of("1000", "CNY"), Money.of("200", "CNY"), 600, 600, 600, 600));

    @Test
    void groups_carry_their_share_of_the_total_per_count_and_per_currency() {
        RefundReasonBreakdownView view = RefundAnalyticsQueries.breakdown(
                question("2026-11-01", "2026-12-31", Granularity.MONTH, RefundGroupBy.REASON), cells, "Asia/Shanghai");

        assertThat(view.totals().applications()).isEqualTo(10);
        assertThat(view.totals().requestedAmount()).isEqualTo(Map.of("CNY", "2000.00", "USD", "50.00"));
        assertThat(view.totals().approvalRate()).isEqualByComparingTo("0.5"); // 4 approved of 8 decided
        assertThat(view.groups()).extracting(RefundGroupView::key).containsExactly("WRONG_ITEM", "PRODUCT_QUALITY");
        RefundGroupView wrongItem = view.groups().get(0);
        assertThat(wrongItem.figures().shareOfTotal().applications()).isEqualByComparingTo("0.6");
        assertThat(wrongItem.figures().shareOfTotal().requestedAmount())
                .isEqualTo(Map.of("CNY", new java.math.BigDecimal("0.5000"), "USD", new java.math.BigDecimal("1.0000")));
        assertThat(wrongItem.figures().approvalRate()).isEqualByComparingTo("0.25");
    }

    @Test
    void average_and_p90_time_to_resolution_are_over_the_resolved_applications_of_the_group() {
        RefundReasonBreakdownView view = RefundAnalyticsQueries.breakdown(
                question("2026-11-01", "2026-11-30", Granularity.DAY, RefundGroupBy.REASON), cells, "Asia/Shanghai");

        RefundGroupView quality = view.groups().stream().filter(g -> g.key().equals("PRODUCT_QUALITY")).findFirst().orElseThrow();
        assertThat(quality.figures().timeToResolution().resolved()).isEqualTo(4);
        assertThat(quality.figures().timeToResolution().averageSeconds()).isEqualTo((3_600 + 7_200 + 86_400 + 1_800) / 4);
        // Nearest rank: the 4th of 4 values.
        assertThat(quality.figures().timeToResolution().p90Seconds()).isBetween(85_536L, 87_264L);
        RefundGroupView wrongItem = view.groups().stream().filter(g -> g.key().equals("WRONG_ITEM")).findFirst().orElseThrow();
        assertThat(wrongItem.figures().timeToResolution().averageSeconds()).isNull();
        assertThat(wrongItem.figures().timeToResolution().p90Seconds()).isNull();
    }

    @Test
    void months_are_folds_of_their_days_and_each_period_shares_out_its_own_total() {
        RefundReasonBreakdownView view = RefundAnalyticsQueries.breakdown(
                question("2026-11-01", "2026-12-31", Granularity.MONTH, RefundGroupBy.PRODUCT), cells, "Asia/Shanghai");

        assertThat(view.trend()).extracting(RefundPeriodView::period).containsExactly("2026-11", "2026-12");
        RefundPeriodView november = view.trend().get(0);
        assertThat(november.totals().applications()).isEqualTo(6);
        assertThat(november.totals().shareOfTotal().applications()).isEqualByComparingTo("0.6");
        assertThat(november.groups()).extracting(RefundGroupView::key).containsExactly("CRM-PRO", "PHONE-X", "CRM-BASIC");
        assertThat(november.groups().get(0).figures().shareOfTotal().applications()).isEqualByComparingTo("0.5");
        assertThat(view.trend().get(1).totals().applications()).isEqualTo(4);
    }

    @Test
    void days_outside_the_range_do_not_count_and_empty_periods_are_shown() {
        RefundReasonBreakdownView view = RefundAnalyticsQueries.breakdown(
                question("2026-11-28", "2026-12-01", Granularity.DAY, RefundGroupBy.REASON), cells, "Asia/Shanghai");

        assertThat(view.totals().applications()).isEqualTo(6);
        assertThat(view.trend()).extracting(p -> p.period() + "=" + p.totals().applications())
                .containsExactly("2026-11-28=0", "2026-11-29=0", "2026-11-30=2", "2026-12-01=4");
        assertThat(view.trend().get(0).totals().approvalRate()).isNull();
    }

    @Test
    void top_products_rank_by_count_and_by_amount_within_each_currency() {
        RefundReasonBreakdownView view = RefundAnalyticsQueries.breakdown(
                question("2026-11-01", "2026-12-31", Granularity.MONTH, RefundGroupBy.REASON), cells, "Asia/Shanghai");

        assertThat(view.topProducts().byApplications()).extracting(ProductRankView::productId, ProductRankView::applications)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CRM-PRO", 7L), org.assertj.core.groups.Tuple.tuple("PHONE-X", 2L));
        assertThat(view.topProducts().byRequestedAmount().get("CNY")).extracting(ProductRankView::productId)
                .containsExactly("CRM-PRO", "CRM-BASIC");
        assertThat(view.topProducts().byRequestedAmount().get("USD")).extracting(ProductRankView::productId)
                .containsExactly("PHONE-X");
        assertThat(view.topProducts().byPaidAmount()).containsOnlyKeys("CNY");
        assertThat(view.topProducts().byPaidAmount().get("CNY").get(0).paidAmount()).isEqualTo(Map.of("CNY", "800.00"));
    }

    @Test
    void filters_keep_only_matching_cells() {
        RefundFilters onlyWrongItem = new RefundFilters("WRONG_ITEM", null, null, null);
        RefundFilters onlyOffline = new RefundFilters(null, null, null, "OFFLINE");

        assertThat(cells.stream().filter(c -> onlyWrongItem.matches(c.key()))).hasSize(2);
        assertThat(cells.stream().filter(c -> onlyOffline.matches(c.key()))).isEmpty();
        assertThat(cells.stream().filter(c -> new RefundFilters(null, "CRM-PRO", "SMB", "ONLINE").matches(c.key()))).hasSize(2);
    }
}
