package io.refundledger.query.analytics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Percentiles over mergeable log-scale buckets: within the stated error, and the same however cells are merged. */
class HistogramTest {

    @Test
    void p90_of_resolution_times_is_within_one_percent_of_the_exact_nearest_rank() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Long> seconds = new ArrayList<>();
            Histogram histogram = Histogram.EMPTY;
            int n = 1 + random.nextInt(500);
            for (int i = 0; i < n; i++) {
                // From seconds to several months, log-uniform: the spread real resolutions have.
                long value = (long) Math.exp(random.nextDouble() * Math.log(20_000_000));
                seconds.add(value);
                histogram = histogram.plus(Histogram.of(DurationBuckets.bucketOf(value)));
            }
            Collections.sort(seconds);
            long exact = seconds.get((int) Math.ceil(0.9 * n) - 1);

            long estimate = histogram.quantile(0.9, DurationBuckets::secondsOf);

            assertThat((double) estimate).isCloseTo(exact, within(Math.max(1.0, exact * DurationBuckets.RELATIVE_ERROR_PERCENT / 100)));
        }
    }

    @Test
    void every_duration_reads_back_within_one_percent_of_itself() {
        for (long seconds = 1; seconds < 40_000_000; seconds = seconds * 3 / 2 + 1) {
            long readBack = DurationBuckets.secondsOf(DurationBuckets.bucketOf(seconds));
            assertThat((double) readBack).as("%d s", seconds).isCloseTo(seconds, within(Math.max(0.5, seconds * 0.01)));
        }
        assertThat(DurationBuckets.secondsOf(DurationBuckets.bucketOf(0))).isZero();
    }

    @Test
    void a_year_of_durations_needs_fewer_than_nine_hundred_buckets() {
        assertThat(DurationBuckets.bucketOf(366L * 24 * 3600)).isLessThan(900);
    }

    @Test
    void merging_cells_gives_the_histogram_of_all_their_values_and_taking_one_out_undoes_it() {
        Histogram a = Histogram.of(3).plus(Histogram.of(7));
        Histogram b = Histogram.of(7).plus(Histogram.of(100));

        Histogram merged = a.plus(b);

        assertThat(merged.counts()).containsExactly(
                org.assertj.core.api.Assertions.entry(3, 1L), org.assertj.core.api.Assertions.entry(7, 2L),
                org.assertj.core.api.Assertions.entry(100, 1L));
        assertThat(merged.minus(b)).isEqualTo(a);
        assertThat(merged.minus(a).minus(b)).isEqualTo(Histogram.EMPTY);
        assertThat(Histogram.fromDocument(merged.toDocument())).isEqualTo(merged);
    }

    @Test
    void nearest_rank_p90_of_exact_day_counts() {
        Histogram days = Histogram.EMPTY;
        for (int day = 1; day <= 10; day++) {
            days = days.plus(Histogram.of(day));
        }
        assertThat(days.quantile(0.9, bucket -> bucket)).isEqualTo(9L);
        assertThat(days.plus(Histogram.of(30)).quantile(0.9, bucket -> bucket)).isEqualTo(10L);
        assertThat(Histogram.of(5).quantile(0.9, bucket -> bucket)).isEqualTo(5L);
        assertThat(Histogram.EMPTY.quantile(0.9, bucket -> bucket)).isNull();
    }

    @Test
    void a_sum_of_histograms_in_any_order_is_their_pairwise_sum_with_the_same_percentiles() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            Histogram.Sum sum = new Histogram.Sum();
            Histogram pairwise = Histogram.EMPTY;
            // Durations' buckets (with -1 for zero), or now and then buckets too far apart for one array.
            int spread = round % 10 == 0 ? 1_000_000_000 : 900;
            for (int i = 0, n = random.nextInt(40); i < n; i++) {
                Histogram cell = Histogram.EMPTY;
                for (int j = 0, m = 1 + random.nextInt(20); j < m; j++) {
                    cell = cell.plus(Histogram.of(random.nextInt(spread) - 1));
                }
                if (random.nextInt(8) == 0) {
                    cell = Histogram.EMPTY.minus(cell); // what a change taking entries out adds
                }
                sum.add(cell);
                pairwise = pairwise.plus(cell);
            }

            assertThat(sum.toHistogram()).as("round %d", round).isEqualTo(pairwise);
            assertThat(sum.total()).isEqualTo(pairwise.total());
            if (pairwise.counts().values().stream().allMatch(count -> count > 0)) {
                for (double quantile : new double[] {0.1, 0.5, 0.9, 1.0}) {
                    assertThat(sum.quantile(quantile, bucket -> bucket)).isEqualTo(pairwise.quantile(quantile, bucket -> bucket));
                }
            }
        }
        assertThat(new Histogram.Sum().toHistogram()).isEqualTo(Histogram.EMPTY);
        assertThat(new Histogram.Sum().quantile(0.5, bucket -> bucket)).isNull();
    }

    @Test
    void the_compact_string_reads_back_as_the_same_histogram() {
        Histogram histogram = Histogram.of(-1).plus(Histogram.of(-1)).plus(Histogram.of(0)).plus(Histogram.of(842))
                .plus(Histogram.of(17));

        assertThat(histogram.toCompactString()).isEqualTo("-1:2,0:1,17:1,842:1");
        assertThat(Histogram.fromCompactString(histogram.toCompactString())).isEqualTo(histogram);
        assertThat(Histogram.fromCompactString(Histogram.EMPTY.toCompactString())).isEqualTo(Histogram.EMPTY);
    }
}
