package io.refundledger.query.kpi;

import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.DurationBuckets;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.Histogram;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cells and durations for the specifications. */
final class KpiCells {

    private KpiCells() {
    }

    /** What a percentile over {@code seconds} reports: the value of its bucket, within 1 % of it. */
    static long bucketed(long seconds) {
        return DurationBuckets.secondsOf(DurationBuckets.bucketOf(seconds));
    }

    static Histogram durations(List<Long> seconds) {
        Histogram.Sum sum = new Histogram.Sum();
        seconds.forEach(s -> sum.add(Histogram.of(DurationBuckets.bucketOf(s))));
        return sum.toHistogram();
    }

    /** Decisions, with the review times of those timed. */
    static StaffKpiTotals decisions(long handled, long approved, long rejected, List<Long> reviewSeconds) {
        return new StaffKpiTotals(handled, approved, rejected, 0, 0, durations(reviewSeconds), Histogram.EMPTY, 0, 0, 0, 0, 0);
    }

    static StaffKpiCell cell(String day, String staffId, long handled, long approved, long rejected, List<Long> reviewSeconds) {
        return new StaffKpiCell(dayKey(day, staffId), decisions(handled, approved, rejected, reviewSeconds), 1);
    }

    static StaffCellKey dayKey(String day, String staffId) {
        return new StaffCellKey(new CellUnit(Granularity.DAY, LocalDate.parse(day)), staffId);
    }

    /** The day cells and the week and month cells they add up to, as the projection keeps them. */
    static List<StaffKpiCell> withRollUps(List<StaffKpiCell> days) {
        Map<StaffCellKey, StaffKpiCell> cells = new LinkedHashMap<>();
        for (Granularity span : Granularity.values()) {
            for (StaffKpiCell day : days) {
                StaffCellKey key = new StaffCellKey(CellUnit.holding(span, day.unit().start()), day.staffId());
                cells.merge(key, new StaffKpiCell(key, day.totals(), day.lastAppliedPosition()),
                        (a, b) -> a.plus(b.totals(), Math.max(a.lastAppliedPosition(), b.lastAppliedPosition())));
            }
        }
        return new ArrayList<>(cells.values());
    }
}
