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
 * Answers staff KPI questions. Each period, and the whole range, is read as the coarsest units wholly inside it (whole
 * months, whole weeks, leftover days; {@link Tiling#COARSEST}), so a quarter is a few cells per staff member whatever the
 * volume. The units of all of them are looked up at once: their index documents, then their cells, both by
 * {@code _id $in}; then folded in memory into periods, teams and the leaderboard.
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
        return answer(question, Tiling.COARSEST);
    }

    public StaffMemberKpisView answer(FindStaffMemberKpis question) {
        return answer(question, Tiling.COARSEST);
    }

    /** Read through the given units: {@link Tiling#DAYS} is the day cells alone, what the roll-ups must agree with. */
    StaffKpisView answer(FindStaffKpis question, Tiling tiling) {
        List<StaffCellKey> keys = new ArrayList<>();
        store.staffIn(tiling.unitsOf(question.range())).forEach((unit, staff) -> staff.stream()
                .filter(staffId -> question.team() == null || question.team().equals(teams.teamOf(staffId)))
                .forEach(staffId -> keys.add(new StaffCellKey(unit, staffId))));
        return StaffKpiReport.of(question, store.cells(keys), teams, tiling);
    }

    /** One person's cells are named by their units: no index to read. */
    StaffMemberKpisView answer(FindStaffMemberKpis question, Tiling tiling) {
        List<StaffCellKey> keys = tiling.unitsOf(question.range()).stream()
                .map(unit -> new StaffCellKey(unit, question.staffId())).toList();
        return StaffKpiReport.of(question, store.cells(keys), teams, tiling);
    }
}
