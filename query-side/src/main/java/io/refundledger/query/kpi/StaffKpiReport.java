package io.refundledger.query.kpi;

import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.kpi.Granularity.Period;
import io.refundledger.query.kpi.StaffKpisView.StaffRow;
import io.refundledger.query.kpi.StaffKpisView.TeamRow;
import io.refundledger.query.kpi.StaffMemberKpisView.PeriodFigures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds cells into the answers: per period, per staff member, per team, and the leaderboard. Each period, and the whole
 * range, is read from the cells of the units that tile it ({@link Tiling}); cells of other units are left out, so the
 * cells given may be those of every unit a question reads ({@link Tiling#unitsOf}). Pure.
 */
final class StaffKpiReport {

    private StaffKpiReport() {
    }

    /** The cells must be those of the question's units (and team); teams are looked up now. */
    static StaffKpisView of(FindStaffKpis question, Collection<StaffKpiCell> cells, StaffTeams teams, Tiling tiling) {
        KpiRange range = question.range();
        Map<CellUnit, List<StaffKpiCell>> byUnit = byUnit(cells);
        List<StaffRow> staffRows = new ArrayList<>();
        List<TeamRow> teamRows = new ArrayList<>();
        for (Period period : range.periods()) {
            Map<String, KpiTally> byStaff = new TreeMap<>();
            Map<String, KpiTally> byTeam = new TreeMap<>();
            Map<String, Set<String>> members = new TreeMap<>();
            for (StaffKpiCell cell : in(tiling, period.start(), period.end(), byUnit)) {
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
        in(tiling, range.from(), range.to(), byUnit)
                .forEach(cell -> wholeRange.computeIfAbsent(cell.staffId(), s -> new KpiTally()).add(cell));
        Map<String, StaffKpiFigures> figures = new TreeMap<>();
        wholeRange.forEach((staffId, tally) -> figures.put(staffId, tally.figures()));
        return new StaffKpisView(range.from(), range.to(), range.granularity(), question.team(),
                question.sortBy().parameter(), staffRows, teamRows,
                Leaderboard.rank(figures, question.sortBy(), teams, question.limit()));
    }

    /** The cells must be the staff member's, of the question's units. */
    static StaffMemberKpisView of(FindStaffMemberKpis question, Collection<StaffKpiCell> cells, StaffTeams teams,
                                  Tiling tiling) {
        KpiRange range = question.range();
        Map<CellUnit, List<StaffKpiCell>> byUnit = byUnit(cells);
        List<PeriodFigures> periods = new ArrayList<>();
        for (Period period : range.periods()) {
            KpiTally tally = new KpiTally();
            in(tiling, period.start(), period.end(), byUnit).forEach(tally::add);
            periods.add(new PeriodFigures(period.period(), period.start(), period.end(), tally.figures()));
        }
        KpiTally total = new KpiTally();
        in(tiling, range.from(), range.to(), byUnit).forEach(total::add);
        return new StaffMemberKpisView(question.staffId(), teams.teamOf(question.staffId()), range.from(), range.to(),
                range.granularity(), periods, total.figures());
    }

    private static Map<CellUnit, List<StaffKpiCell>> byUnit(Collection<StaffKpiCell> cells) {
        Map<CellUnit, List<StaffKpiCell>> byUnit = new HashMap<>();
        cells.forEach(cell -> byUnit.computeIfAbsent(cell.unit(), u -> new ArrayList<>()).add(cell));
        return byUnit;
    }

    /** The cells of the units tiling {@code from..to}. */
    private static List<StaffKpiCell> in(Tiling tiling, LocalDate from, LocalDate to, Map<CellUnit, List<StaffKpiCell>> byUnit) {
        List<StaffKpiCell> cells = new ArrayList<>();
        for (CellUnit unit : tiling.units(from, to)) {
            cells.addAll(byUnit.getOrDefault(unit, List.of()));
        }
        return cells;
    }
}
