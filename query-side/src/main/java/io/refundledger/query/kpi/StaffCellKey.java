package io.refundledger.query.kpi;

import io.refundledger.query.analytics.CellUnit;

/** Which cell: a unit of time (day, ISO week or month) and a staff member. */
record StaffCellKey(CellUnit unit, String staffId) {

    /**
     * The unit's label, then the staff id ({@code 2026-11-23|reviewer}, {@code 2026-W48|reviewer}, {@code 2026-11|reviewer}):
     * each collection holds one span, whose labels have one fixed length, so any staff id makes an unambiguous key.
     */
    String id() {
        return unit.label() + "|" + staffId;
    }
}
