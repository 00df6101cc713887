package io.refundledger.query.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Staff KPIs for a range: each staff member's and each team's figures per period, and a leaderboard over
 * the whole range. Rows exist only for staff (and teams) with something recorded in the period.
 *
 * @param team   the team filter applied, or null
 * @param sortBy the leaderboard's metric, as named in the {@code sortBy} parameter
 */
public record StaffKpisView(LocalDate from, LocalDate to, Granularity granularity, String team, String sortBy,
                            List<StaffRow> staff, List<TeamRow> teams, List<LeaderboardEntry> leaderboard) {

    /** One staff member in one period; {@code team} is the team configured now. */
    public record StaffRow(String period, LocalDate periodStart, LocalDate periodEnd, String staffId, String team,
                           StaffKpiFigures figures) {
    }

    /** One team in one period: its members' cells folded together (medians over all their durations). */
    public record TeamRow(String period, LocalDate periodStart, LocalDate periodEnd, String team, List<String> members,
                          StaffKpiFigures figures) {
    }

    /**
     * A place on the leaderboard. Equal values share a rank (1, 2, 2, 4); within a tie, by staff id.
     *
     * @param value the ranked figure: a count, a rate, seconds or an average rating
     */
    public record LeaderboardEntry(int rank, String staffId, String team, BigDecimal value,
                                   StaffKpiFigures figures) {
    }
}
