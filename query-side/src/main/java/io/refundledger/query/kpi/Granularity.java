package io.refundledger.query.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * How a date range is cut into periods: business days, ISO weeks (Monday to Sunday), calendar months, or
 * the whole range as one period. Periods are clipped to the range asked for, so a period's figures never
 * include a day outside it.
 */
public enum Granularity {
    DAY, WEEK, MONTH, TOTAL;

    /** The periods covering {@code from} to {@code to} (both inclusive), oldest first. */
    public List<Period> periods(LocalDate from, LocalDate to) {
        List<Period> periods = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = min(lastDayOf(start, to), to);
            periods.add(new Period(label(start, end), start, end));
            start = end.plusDays(1);
        }
        return periods;
    }

    private LocalDate lastDayOf(LocalDate day, LocalDate to) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case TOTAL -> to;
        };
    }

    private String label(LocalDate start, LocalDate end) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> start.toString().substring(0, 7);
            case TOTAL -> start + ".." + end;
        };
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * One period.
     *
     * @param period label: {@code 2026-11-23}, {@code 2026-W48}, {@code 2026-11} or {@code 2026-11-01..2026-11-30}
     * @param start  first day counted (inclusive)
     * @param end    last day counted (inclusive)
     */
    public record Period(String period, LocalDate start, LocalDate end) {

        public boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }
}
