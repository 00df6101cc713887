package io.refundledger.query.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * How finely a dashboard cuts time. Periods are calendar periods of the business zone: a day, an ISO week
 * (Monday to Sunday, labelled with its ISO week-based year, e.g. {@code 2026-W48}) or a month ({@code 2026-11}).
 * Weeks and months are folds of days; cells are kept per day and rolled up per week and per month with these same
 * boundaries (see {@link CellUnit}), so a question reads whole weeks and months as one cell each.
 */
public enum Granularity {
    /** Up to a year of days. */
    DAY(366),
    /** Up to two years of weeks. */
    WEEK(731),
    /** Up to five years of months. */
    MONTH(1827);

    private final int maxRangeDays;

    Granularity(int maxRangeDays) {
        this.maxRangeDays = maxRangeDays;
    }

    /** The longest range, in days with both ends included, a query at this granularity may ask for. */
    public int maxRangeDays() {
        return maxRangeDays;
    }

    public LocalDate periodStart(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The last day of the period holding {@code day}. */
    public LocalDate periodEnd(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    public String label(LocalDate day) {
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> day.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        };
    }
}
