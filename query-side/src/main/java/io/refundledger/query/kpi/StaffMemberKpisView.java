package io.refundledger.query.kpi;

import java.time.LocalDate;
import java.util.List;

/**
 * One staff member's figures in every period of the range (zeros where nothing happened) and over the
 * whole range. A staff id never seen yields zeros, not 404: staff are whoever acts, not a registry.
 *
 * @param team the team configured now for this staff member
 */
public record StaffMemberKpisView(String staffId, String team, LocalDate from, LocalDate to, Granularity granularity,
                                  List<PeriodFigures> periods, StaffKpiFigures total) {

    public record PeriodFigures(String period, LocalDate periodStart, LocalDate periodEnd, StaffKpiFigures figures) {
    }
}
