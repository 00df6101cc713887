package io.refundledger.query.kpi;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers staff KPI questions: the range's day index documents and then its cells, both by {@code _id $in},
 * folded in memory into periods, teams and the leaderboard.
 */
@Service
public class StaffKpiQueries {

    private final StaffKpiStore store;
    private final StaffTeams teams;
    private final Clock clock;
    private final ZoneId businessZone;

    @Autowired
    public StaffKpiQueries(StaffKpiStore store, StaffTeams teams, ObjectProvider<Clock> clock,
                           @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this(store, teams, clock.getIfAvailable(Clock::systemUTC), ZoneId.of(businessZone));
    }

    StaffKpiQueries(StaffKpiStore store, StaffTeams teams, Clock clock, ZoneId businessZone) {
        this.store = store;
        this.teams = teams;
        this.clock = clock;
        this.businessZone = businessZone;
    }

    /** Today in the business zone: where a range without {@code to} ends. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), businessZone);
    }

    public StaffKpisView answer(FindStaffKpis question) {
        if (question.team() != null && !teams.names().contains(question.team())) {
            throw DomainException.invalid("INVALID_PARAMETER", "team",
                    "team is one of " + teams.names() + "; not " + question.team() + ".");
        }
        KpiRange range = question.range();
        List<String> cellIds = new ArrayList<>();
        store.staffByDay(range.days()).forEach((day, staff) -> staff.stream()
                .filter(staffId -> question.team() == null || question.team().equals(teams.teamOf(staffId)))
                .forEach(staffId -> cellIds.add(StaffDayCell.idOf(day, staffId))));
        return StaffKpiReport.of(question, store.cells(cellIds), teams);
    }

    public StaffMemberKpisView answer(FindStaffMemberKpis question) {
        KpiRange range = question.range();
        return StaffKpiReport.of(question, store.cells(range.days().stream()
                .map(day -> StaffDayCell.idOf(day, question.staffId())).toList()), teams);
    }
}
