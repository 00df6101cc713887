package io.refundledger.query.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A unit of time cells are kept for: a business day, an ISO week (Monday to Sunday) or a calendar month, as
 * {@link Granularity} defines them. Day cells are the source; week and month cells are roll-ups of them, changed by
 * the same deltas, so a question reads a whole week or month as one cell per dimension combination.
 *
 * @param span  DAY, WEEK or MONTH
 * @param start the unit's first day
 */
public record CellUnit(Granularity span, LocalDate start) {

    public CellUnit {
        Objects.requireNonNull(span, "span");
        if (!span.periodStart(start).equals(start)) {
            throw new IllegalArgumentException(start + " does not start a " + span);
        }
    }

    /** The unit of this span holding {@code day}. */
    public static CellUnit holding(Granularity span, LocalDate day) {
        return new CellUnit(span, span.periodStart(day));
    }

    public LocalDate end() {
        return span.periodEnd(start);
    }

    /** The unit's label ({@code 2026-11-23}, {@code 2026-W48}, {@code 2026-11}): its index document's id. */
    public String label() {
        return span.label(start);
    }

    /**
     * The coarsest units tiling {@code from..to} (both included) that lie wholly inside it: the whole months, then in
     * what is left on either side the whole weeks, then the leftover days. Months first, since a week picked first
     * could straddle a month boundary and break up a month that fits.
     */
    public static List<CellUnit> cover(LocalDate from, LocalDate to) {
        List<CellUnit> units = new ArrayList<>();
        LocalDate firstMonth = Granularity.MONTH.periodStart(from).equals(from) ? from
                : Granularity.MONTH.periodEnd(from).plusDays(1);
        LocalDate monthsEnd = firstMonth.minusDays(1); // no month yet
        for (LocalDate m = firstMonth; !Granularity.MONTH.periodEnd(m).isAfter(to); m = m.plusMonths(1)) {
            monthsEnd = Granularity.MONTH.periodEnd(m);
        }
        if (monthsEnd.isBefore(firstMonth)) {
            coverWithWeeks(from, to, units);
            return units;
        }
        coverWithWeeks(from, firstMonth.minusDays(1), units);
        for (LocalDate m = firstMonth; m.isBefore(monthsEnd); m = m.plusMonths(1)) {
            units.add(new CellUnit(Granularity.MONTH, m));
        }
        coverWithWeeks(monthsEnd.plusDays(1), to, units);
        return units;
    }

    /** Whole weeks inside {@code from..to}, days on either side of them; nothing when {@code to} is before {@code from}. */
    private static void coverWithWeeks(LocalDate from, LocalDate to, List<CellUnit> units) {
        LocalDate day = from;
        while (!day.isAfter(to)) {
            if (Granularity.WEEK.periodStart(day).equals(day) && !Granularity.WEEK.periodEnd(day).isAfter(to)) {
                units.add(new CellUnit(Granularity.WEEK, day));
                day = day.plusWeeks(1);
            } else {
                units.add(new CellUnit(Granularity.DAY, day));
                day = day.plusDays(1);
            }
        }
    }
}
