package io.refundledger.query.kpi;

import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.kpi.Granularity.Period;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which stored cells a stretch of days is read from. */
enum Tiling {

    /**
     * The coarsest units wholly inside it: whole months, then whole weeks, then the days left over
     * ({@link CellUnit#cover}). What questions read: a quarter is a few cells per person, whatever the volume.
     */
    COARSEST {
        @Override
        List<CellUnit> units(LocalDate from, LocalDate to) {
            return CellUnit.cover(from, to);
        }
    },

    /** Every day on its own: the day cells the roll-ups are sums of, which every answer must agree with. */
    DAYS {
        @Override
        List<CellUnit> units(LocalDate from, LocalDate to) {
            return from.datesUntil(to.plusDays(1)).map(day -> new CellUnit(Granularity.DAY, day)).toList();
        }
    };

    /** Units tiling {@code from..to}, both included: each of its days lies in exactly one of them. */
    abstract List<CellUnit> units(LocalDate from, LocalDate to);

    /**
     * Every unit a question over the range reads: those tiling each of its periods, and those tiling the whole range
     * (the leaderboard's and a staff member's total), so all of them are read at once.
     */
    Set<CellUnit> unitsOf(KpiRange range) {
        Set<CellUnit> units = new LinkedHashSet<>();
        for (Period period : range.periods()) {
            units.addAll(units(period.start(), period.end()));
        }
        units.addAll(units(range.from(), range.to()));
        return units;
    }
}
