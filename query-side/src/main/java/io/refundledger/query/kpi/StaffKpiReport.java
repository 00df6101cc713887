package io.refundledger.query.kpi;

import io.refundledger.query.kpi.Granularity.Period;
import io.refundledger.query.kpi.StaffKpisView.StaffRow;
import io.refundledger.query.kpi.StaffKpisView.TeamRow;
import io.refundledger.query.kpi.StaffMemberKpisView.PeriodFigures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Folds day cells into the answers: per period, per staff member, per team, and the leaderboard. Pure. */
final class StaffKpiReport {

    private StaffKpiReport() {
    }

    /** The cells must be those of the question's range (and team); teams are looked up now. */
    static StaffKpisView of(FindStaffKpis question, Collection<StaffDayCell> cells, StaffTeams teams) {
        KpiRange range = question.range();
        List<StaffRow> staffRows = new ArrayList<>();
        List<TeamRow> teamRows = new ArrayList<>();
        for (Period period : range.periods()) {
            Map<String, KpiTally> byStaff = new TreeMap<>();
            Map<String, KpiTally> byTeam = new TreeMap<>();
            Map<String, Set<String>> members = new TreeMap<>();
            for (StaffDayCell cell : in(period, cells)) {
                String team = teams.teamOf(cell.staffId());
                byStaff.computeIfAbsent(cell.staffId(), s -> new KpiTally()).add(cell);
                byTeam.computeIfAbsent(team, t -> new KpiTally()).add(cell);
                members.computeIfAbsent(team, t -> new TreeSet<>()).add(cell.staffId());
            }
            byStaff.forEach((staffId, tally) -> staffRows.add(new StaffRow(period.period(), period.start(), period.end(),
                    staffId, teams.teamOf(staffId), tally.figures())));
            byTeam.forEach((team, tally) -> teamRows.add(new TeamRow(period.period(), period.start(), period.end(), team,
                    List.copyOf(members.get(team)), tally.figures())));
        }
        Map<String, KpiTally> wholeRange = new TreeMap<>();
        cells.forEach(cell -> wholeRange.computeIfAbsent(cell.staffId(), s -> new KpiTally()).add(cell));
        Map<String, StaffKpiFigures> figures = new TreeMap<>();
        wholeRange.forEach((staffId, tally) -> figures.put(staffId, tally.figures()));
        return new StaffKpisView(range.from(), range.to(), range.granularity(), question.team(),
                question.sortBy().parameter(), staffRows, teamRows,
                Leaderboard.rank(figures, question.sortBy(), teams, question.limit()));
    }

    /** The cells must be the staff member's, in the question's range. */
    static StaffMemberKpisView of(FindStaffMemberKpis question, Collection<StaffDayCell> cells, StaffTeams teams) {
        KpiRange range = question.range();
        List<PeriodFigures> periods = new ArrayList<>();
        for (Period period : range.periods()) {
            KpiTally tally = new KpiTally();
            in(period, cells).forEach(tally::add);
            periods.add(new PeriodFigures(period.period(), period.start(), period.end(), tally.figures()));
        }
        KpiTally total = new KpiTally();
        cells.forEach(total::add);
        return new StaffMemberKpisView(question.staffId(), teams.teamOf(question.staffId()), range.from(), range.to(),
                range.granularity(), periods, total.figures());
    }

    private static List<StaffDayCell> in(Period period, Collection<StaffDayCell> cells) {
        return cells.stream().filter(cell -> period.contains(LocalDate.parse(cell.day()))).toList();
    }
}
