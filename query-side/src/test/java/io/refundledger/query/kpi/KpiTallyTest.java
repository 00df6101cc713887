package io.refundledger.query.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How day cells become figures: nearest-rank median and p90, rates, averages, and null where nothing was measured. */
class KpiTallyTest {

    @Test
    void median_and_p90_are_nearest_rank_values_that_were_actually_measured() {
        assertThat(KpiTally.percentile(List.of(10L, 20L, 30L, 40L), 50)).isEqualTo(20L);
        assertThat(KpiTally.percentile(List.of(10L, 20L, 30L), 50)).isEqualTo(20L);
        assertThat(KpiTally.percentile(List.of(7L), 90)).isEqualTo(7L);
        assertThat(KpiTally.percentile(LongStream.rangeClosed(1, 10).boxed().toList(), 90)).isEqualTo(9L);
        assertThat(KpiTally.percentile(LongStream.rangeClosed(1, 11).boxed().toList(), 90)).isEqualTo(10L);
        assertThat(KpiTally.percentile(LongStream.rangeClosed(1, 30).boxed().toList(), 90)).isEqualTo(27L);
        assertThat(KpiTally.percentile(List.of(), 50)).isNull();
    }

    @Test
    void durations_of_several_days_are_pooled_before_the_median_is_taken() {
        StaffKpiFigures figures = new KpiTally()
                .add(cell("2026-11-23", "reviewer", 3, 2, 1, List.of(600L, 60L, 3600L)))
                .add(cell("2026-11-24", "reviewer", 1, 1, 0, List.of(120L)))
                .figures();

        assertThat(figures.reviewsTimed()).isEqualTo(4);
        assertThat(figures.medianReviewSeconds()).isEqualTo(120L);
        assertThat(figures.p90ReviewSeconds()).isEqualTo(3600L);
    }

    @Test
    void rates_are_fractions_with_four_decimals_and_the_rating_an_average_with_two() {
        StaffDayCell day = new StaffDayCell("2026-11-23|reviewer", "2026-11-23", "reviewer", 3, 2, 1, 1, 0,
                List.of(), List.of(86_400L), 1, 2, 9, 2, 1, 10);

        StaffKpiFigures figures = new KpiTally().add(day).figures();

        assertThat(figures.handled()).isEqualTo(3);
        assertThat(figures.approvalRate()).isEqualTo(new BigDecimal("0.6667"));
        assertThat(figures.reopenedRate()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(figures.averageRating()).isEqualTo(new BigDecimal("4.50"));
        assertThat(figures.ratings()).isEqualTo(2);
        assertThat(figures.paidOut()).isEqualTo(1);
        assertThat(figures.medianEndToEndSeconds()).isEqualTo(86_400L);
        assertThat(figures.secondApprovals()).isEqualTo(1);
        assertThat(figures.slaBreaches()).isEqualTo(1);
        assertThat(figures.informationRequests()).isEqualTo(2);
    }

    @Test
    void with_nothing_to_compute_from_a_figure_is_null_not_zero() {
        StaffKpiFigures figures = new KpiTally().add(StaffDayCell.empty("2026-11-23", "finance")).figures();

        assertThat(figures.approvalRate()).isNull();
        assertThat(figures.reopenedRate()).isNull();
        assertThat(figures.averageRating()).isNull();
        assertThat(figures.medianReviewSeconds()).isNull();
        assertThat(figures.p90EndToEndSeconds()).isNull();
        assertThat(figures.handled()).isZero();
    }

    static StaffDayCell cell(String day, String staffId, long handled, long approved, long rejected, List<Long> reviewSeconds) {
        return new StaffDayCell(StaffDayCell.idOf(day, staffId), day, staffId, handled, approved, rejected, 0, 0,
                reviewSeconds, List.of(), 0, 0, 0, 0, 0, 1);
    }
}
