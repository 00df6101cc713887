package io.refundledger.query.kpi;

import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Histogram;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static io.refundledger.query.kpi.KpiCells.bucketed;
import static io.refundledger.query.kpi.KpiCells.cell;
import static io.refundledger.query.kpi.KpiCells.decisions;
import static io.refundledger.query.kpi.KpiCells.durations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How cells become figures: nearest-rank median and p90 over the durations' histograms, reported as the value of the
 * ranked duration's bucket (within 1 % of it); rates, averages, and null where nothing was measured.
 */
class KpiTallyTest {

    @Test
    void median_and_p90_are_nearest_rank_reported_as_the_value_of_the_ranked_durations_bucket() {
        assertThat(percentiles(List.of(10L, 20L, 30L, 40L))).containsExactly(bucketed(20), bucketed(40));
        assertThat(percentiles(List.of(10L, 20L, 30L))).containsExactly(bucketed(20), bucketed(30));
        assertThat(percentiles(List.of(7L))).containsExactly(bucketed(7), bucketed(7));
        assertThat(percentiles(LongStream.rangeClosed(1, 10).map(s -> s * 600).boxed().toList()))
                .containsExactly(bucketed(3000), bucketed(5400));
        assertThat(percentiles(LongStream.rangeClosed(1, 11).map(s -> s * 600).boxed().toList()))
                .containsExactly(bucketed(3600), bucketed(6000));
        assertThat(percentiles(LongStream.rangeClosed(1, 30).map(s -> s * 600).boxed().toList()))
                .containsExactly(bucketed(9000), bucketed(16_200));
        assertThat(new KpiTally().figures().medianReviewSeconds()).isNull();
    }

    @Test
    void a_reported_duration_is_within_one_percent_of_the_one_measured_and_durations_in_one_bucket_read_the_same() {
        assertThat(bucketed(5400)).isBetween(5400 - 54L, 5400 + 54L);
        assertThat(bucketed(0)).isZero();
        assertThat(DurationBuckets.bucketOf(5400)).isEqualTo(DurationBuckets.bucketOf(5350));
        assertThat(percentiles(List.of(5400L))).isEqualTo(percentiles(List.of(5350L)));
    }

    @Test
    void over_any_durations_the_percentiles_are_the_buckets_of_the_exact_nearest_rank_durations() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Long> seconds = new ArrayList<>();
            int n = 1 + random.nextInt(700);
            for (int i = 0; i < n; i++) {
                // A minute to a month, log-uniform: quick reviews and stalled payouts alike.
                seconds.add((long) (60 * Math.exp(random.nextDouble() * Math.log(43_200))));
            }
            List<Long> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);

            assertThat(percentiles(seconds)).as("%d durations", n).containsExactly(
                    bucketed(sorted.get((n + 1) / 2 - 1)), bucketed(sorted.get((int) ((90L * n + 99) / 100) - 1)));
        }
    }

    @Test
    void durations_of_several_cells_are_pooled_before_the_median_is_taken() {
        StaffKpiFigures figures = new KpiTally()
                .add(cell("2026-11-23", "reviewer", 3, 2, 1, List.of(600L, 60L, 3600L)))
                .add(cell("2026-11-24", "reviewer", 1, 1, 0, List.of(120L)))
                .figures();

        assertThat(figures.reviewsTimed()).isEqualTo(4);
        assertThat(figures.medianReviewSeconds()).isEqualTo(bucketed(120));
        assertThat(figures.p90ReviewSeconds()).isEqualTo(bucketed(3600));
    }

    @Test
    void a_cell_stays_a_few_hundred_counters_however_many_durations_it_counts() {
        Random random = new Random(7);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            seconds.add((long) random.nextInt(5 * 86_400)); // up to five days each
        }

        Histogram reviewTimes = decisions(100_000, 100_000, 0, seconds).reviewTimes();

        assertThat(reviewTimes.total()).isEqualTo(100_000);
        assertThat(reviewTimes.counts()).hasSizeLessThan(700);
    }

    @Test
    void rates_are_fractions_with_four_decimals_and_the_rating_an_average_with_two() {
        StaffKpiTotals day = new StaffKpiTotals(3, 2, 1, 1, 0, Histogram.EMPTY, durations(List.of(86_400L)), 1, 2, 9, 2, 1);

        StaffKpiFigures figures = new KpiTally().add(day).figures();

        assertThat(figures.handled()).isEqualTo(3);
        assertThat(figures.approvalRate()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(figures.reopenedRate()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(figures.averageRating()).isEqualTo(new BigDecimal("4.50"));
        assertThat(figures.ratings()).isEqualTo(2);
        assertThat(figures.paidOut()).isEqualTo(1);
        assertThat(figures.medianEndToEndSeconds()).isEqualTo(bucketed(86_400));
        assertThat(figures.secondApprovals()).isEqualTo(1);
        assertThat(figures.slaBreaches()).isEqualTo(1);
        assertThat(figures.informationRequests()).isEqualTo(2);
    }

    @Test
    void with_nothing_to_compute_from_a_figure_is_null_not_zero() {
        StaffKpiFigures figures = new KpiTally().add(StaffKpiTotals.secondApproval()).figures();

        assertThat(figures.approvalRate()).isNull();
        assertThat(figures.reopenedRate()).isNull();
        assertThat(figures.averageRating()).isNull();
        assertThat(figures.medianReviewSeconds()).isNull();
        assertThat(figures.p90EndToEndSeconds()).isNull();
        assertThat(figures.handled()).isZero();
    }

    /** Median and p90 of these review times. */
    private static List<Long> percentiles(List<Long> reviewSeconds) {
        StaffKpiFigures figures = new KpiTally().add(decisions(reviewSeconds.size(), reviewSeconds.size(), 0, reviewSeconds))
                .figures();
        return List.of(figures.medianReviewSeconds(), figures.p90ReviewSeconds());
    }
}
