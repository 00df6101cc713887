package io.refundledger.query.analytics;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Days folded into ISO weeks and months, clipped to the range; ranges that are backwards or too long are refused. */
class AnalyticsRangeTest {

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void weeks_run_monday_to_sunday_and_the_edges_are_clipped_to_the_range() {
        AnalyticsRange range = new AnalyticsRange(day("2026-11-19"), day("2026-12-02"), Granularity.WEEK);

        assertThat(range.periods()).containsExactly(
                new Period("2026-W47", day("2026-11-19"), day("2026-11-22")),
                new Period("2026-W48", day("2026-11-23"), day("2026-11-29")),
                new Period("2026-W49", day("2026-11-30"), day("2026-12-02")));
        assertThat(range.periodOf(day("2026-11-29")).label()).isEqualTo("2026-W48");
        assertThat(range.periodOf(day("2026-11-30")).label()).isEqualTo("2026-W49");
    }

    @Test
    void iso_weeks_are_labelled_with_their_week_based_year() {
        AnalyticsRange range = new AnalyticsRange(day("2026-12-28"), day("2027-01-04"), Granularity.WEEK);

        assertThat(range.periods()).extracting(Period::label).containsExactly("2026-W53", "2027-W01");
    }

    @Test
    void months_are_calendar_months_clipped_to_the_range() {
        AnalyticsRange range = new AnalyticsRange(day("2026-11-15"), day("2027-01-10"), Granularity.MONTH);

        assertThat(range.periods()).containsExactly(
                new Period("2026-11", day("2026-11-15"), day("2026-11-30")),
                new Period("2026-12", day("2026-12-01"), day("2026-12-31")),
                new Period("2027-01", day("2027-01-01"), day("2027-01-10")));
    }

    @Test
    void days_are_their_own_periods_and_both_ends_count() {
        AnalyticsRange range = new AnalyticsRange(day("2026-11-23"), day("2026-11-25"), Granularity.DAY);

        assertThat(range.days()).containsExactly(day("2026-11-23"), day("2026-11-24"), day("2026-11-25"));
        assertThat(range.periods()).extracting(Period::label).containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
        assertThat(range.contains(day("2026-11-25"))).isTrue();
        assertThat(range.contains(day("2026-11-26"))).isFalse();
    }

    @Test
    void cannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new AnalyticsRange(day("2026-11-23"), day("2026-11-22"), Granularity.DAY))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("ANALYTICS_RANGE_INVALID");
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                });
    }

    @Test
    void cannotSpanMoreDaysThanTheGranularityAllows() {
        assertThat(new AnalyticsRange(day("2026-01-01"), day("2027-01-01"), Granularity.DAY).days()).hasSize(366);
        assertThatThrownBy(() -> new AnalyticsRange(day("2026-01-01"), day("2027-01-02"), Granularity.DAY))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("ANALYTICS_RANGE_TOO_LONG");
                    assertThat(e.field()).isEqualTo("to");
                });
        assertThat(new AnalyticsRange(day("2026-01-01"), day("2027-12-31"), Granularity.WEEK).periods()).isNotEmpty();
        assertThat(new AnalyticsRange(day("2026-01-01"), day("2030-12-31"), Granularity.MONTH).periods()).hasSize(60);
    }
}
