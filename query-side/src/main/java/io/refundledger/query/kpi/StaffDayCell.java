package io.refundledger.query.kpi;

import java.util.List;

/**
 * One staff member's contributions on one business day, stored in {@code staff_kpi_cells} with
 * {@code _id} = {@code 2026-11-23|reviewer}. Durations are kept one by one (a person decides a few dozen
 * applications a day at most), so medians and percentiles over any period are exact.
 *
 * @param day                 ISO date in the business zone
 * @param lastAppliedPosition global position of the last event applied to this cell
 */
record StaffDayCell(String cellId, String day, String staffId,
                    long handled, long approved, long rejected, long secondApprovals, long secondRejections,
                    List<Long> reviewSeconds, List<Long> endToEndSeconds, long slaBreaches, long informationRequests,
                    long ratingSum, long ratings, long reopened, long lastAppliedPosition) {

    StaffDayCell {
        reviewSeconds = reviewSeconds == null ? List.of() : List.copyOf(reviewSeconds);
        endToEndSeconds = endToEndSeconds == null ? List.of() : List.copyOf(endToEndSeconds);
    }

    /** The day comes first and has a fixed length, so any staff id makes an unambiguous key. */
    static String idOf(String day, String staffId) {
        return day + "|" + staffId;
    }

    static StaffDayCell empty(String day, String staffId) {
        return new StaffDayCell(idOf(day, staffId), day, staffId, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, 0, 0, 0);
    }

    StaffDayCell plus(CellContribution c, long position) {
        return new StaffDayCell(cellId, day, staffId, handled + c.handled(), approved + c.approved(), rejected + c.rejected(),
                secondApprovals + c.secondApprovals(), secondRejections + c.secondRejections(),
                CellContribution.concat(reviewSeconds, c.reviewSeconds()),
                CellContribution.concat(endToEndSeconds, c.endToEndSeconds()),
                slaBreaches + c.slaBreaches(), informationRequests + c.informationRequests(),
                ratingSum + c.ratingSum(), ratings + c.ratings(), reopened + c.reopened(), position);
    }
}
