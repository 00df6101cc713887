package io.refundledger.query.analytics;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days a dashboard question covers, both ends included, in the business zone, and how they are cut into
 * periods. The first and last period are clipped to the range, so a week or month half inside it counts only
 * its days inside.
 */
public record AnalyticsRange(LocalDate from, LocalDate to, Granularity granularity) {

    public AnalyticsRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(granularity, "granularity");
        if (to.isBefore(from)) {
            throw DomainException.invalid("ANALYTICS_RANGE_INVALID", "to",
                    "to (" + to + ") must not be before from (" + from + ").");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > granularity.maxRangeDays()) {
            throw DomainException.invalid("ANALYTICS_RANGE_TOO_LONG", "to", "At granularity " + granularity
                    + " a range covers at most " + granularity.maxRangeDays() + " days; from " + from + " to " + to
                    + " covers " + days + ". Choose a coarser granularity or a shorter range.");
        }
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The periods in order, clipped to the range. */
    public List<Period> periods() {
        List<Period> periods = new ArrayList<>();
        LocalDate day = from;
        while (!day.isAfter(to)) {
            Period period = periodOf(day);
            periods.add(period);
            day = period.end().plusDays(1);
        }
        return periods;
    }

    /**
     * The stored units that answer the range: each period tiled by the coarsest units wholly inside it (see
     * {@link CellUnit#cover}), in order. A unit never straddles two periods, so the period of its first day is its period.
     */
    public List<CellUnit> cover() {
        List<CellUnit> units = new ArrayList<>();
        for (Period period : periods()) {
            units.addAll(CellUnit.cover(period.start(), period.end()));
        }
        return units;
    }

    /** The (clipped) period a day of the range falls in. */
    public Period periodOf(LocalDate day) {
        LocalDate start = granularity.periodStart(day);
        LocalDate end = granularity.periodEnd(day);
        return new Period(granularity.label(start), start.isBefore(from) ? from : start, end.isAfter(to) ? to : end);
    }
}
