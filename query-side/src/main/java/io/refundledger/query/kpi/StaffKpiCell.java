package io.refundledger.query.kpi;

import io.refundledger.query.analytics.CellUnit;

/**
 * One staff member's figures over one unit of time: a business day (in {@code staff_kpi_day_cells}, {@code _id} =
 * {@code 2026-11-23|reviewer}), an ISO week ({@code staff_kpi_week_cells}, {@code 2026-W48|reviewer}) or a calendar
 * month ({@code staff_kpi_month_cells}, {@code 2026-11|reviewer}). Day cells are the source; week and month cells are
 * roll-ups, changed by the same contributions, so a question reads a whole week or month of a person as one cell.
 * Durations are histograms ({@link StaffKpiTotals}), so a cell's size does not grow with the decisions it counts.
 *
 * @param lastAppliedPosition global position of the last event applied to this cell
 */
record StaffKpiCell(StaffCellKey key, StaffKpiTotals totals, long lastAppliedPosition) {

    static StaffKpiCell empty(StaffCellKey key) {
        return new StaffKpiCell(key, StaffKpiTotals.NONE, 0);
    }

    StaffKpiCell plus(StaffKpiTotals change, long position) {
        return new StaffKpiCell(key, totals.plus(change), position);
    }

    CellUnit unit() {
        return key.unit();
    }

    String staffId() {
        return key.staffId();
    }
}
