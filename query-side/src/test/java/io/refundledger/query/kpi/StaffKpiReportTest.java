package io.refundledger.query.kpi;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.kpi.StaffKpisView.StaffRow;
import io.refundledger.query.kpi.StaffKpisView.TeamRow;
import io.refundledger.query.kpi.StaffMemberKpisView.PeriodFigures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.refundledger.query.kpi.KpiCells.bucketed;
import static io.refundledger.query.kpi.KpiCells.cell;
import static io.refundledger.query.kpi.KpiCells.withRollUps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Cells folded into periods, staff rows, team rows and totals, each read from the coarsest units inside it (whole
 * months, whole weeks, leftover days); and the request parameters that pick them.
 */
class StaffKpiReportTest {

    private static final StaffTeams TEAMS = new StaffTeams(Map.of(
            "reviewer", "review-east", "reviewer3", "review-east", "reviewer2", "review-west"));
    private static final LocalDate TODAY = LocalDate.parse("2026-11-30");

    @Test
    void a_team_folds_its_members_cells_and_takes_the_median_over_all_their_review_times() {
        List<StaffKpiCell> cells = withRollUps(List.of(
                cell("2026-11-23", "reviewer", 2, 2, 0, List.of(100L, 300L)),
                cell("2026-11-23", "reviewer3", 2, 1, 1, List.of(200L, 900L)),
                cell("2026-11-23", "reviewer2", 1, 0, 1, List.of(50L)),
                cell("2026-11-23", "temp-worker", 1, 1, 0, List.of(10L))));

        StaffKpisView view = report(question("2026-11-23", "2026-11-23", Granularity.DAY, null), cells);

        assertThat(view.teams()).extracting(TeamRow::team, TeamRow::members, r -> r.figures().handled(),
                        r -> r.figures().approvalRate(), r -> r.figures().medianReviewSeconds(), r -> r.figures().p90ReviewSeconds())
                .containsExactly(
                        tuple("review-east", List.of("reviewer", "reviewer3"), 4L, new BigDecimal("0.7500"), bucketed(200), bucketed(900)),
                        tuple("review-west", List.of("reviewer2"), 1L, new BigDecimal("0.0000"), bucketed(50), bucketed(50)),
                        tuple("unassigned", List.of("temp-worker"), 1L, new BigDecimal("1.0000"), bucketed(10), bucketed(10)));
        assertThat(view.staff()).extracting(StaffRow::staffId, StaffRow::team)
                .containsExactly(tuple("reviewer", "review-east"), tuple("reviewer2", "review-west"),
                        tuple("reviewer3", "review-east"), tuple("temp-worker", "unassigned"));
    }

    @Test
    void weeks_run_monday_to_sunday_and_are_clipped_to_the_range() {
        List<StaffKpiCell> cells = withRollUps(List.of(
                cell("2026-11-22", "reviewer", 1, 1, 0, List.of(60L)),   // Sunday, week 47
                cell("2026-11-23", "reviewer", 2, 1, 1, List.of(120L, 180L)), // Monday, week 48
                cell("2026-11-29", "reviewer", 1, 0, 1, List.of(240L))));  // Sunday, week 48

        StaffKpisView view = report(question("2026-11-20", "2026-11-30", Granularity.WEEK, null), cells);

        assertThat(view.staff()).extracting(StaffRow::period, StaffRow::periodStart, StaffRow::periodEnd, r -> r.figures().handled())
                .containsExactly(
                        tuple("2026-W47", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-22"), 1L),
                        tuple("2026-W48", LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29"), 3L));
        assertThat(view.leaderboard()).singleElement().satisfies(entry -> {
            assertThat(entry.figures().handled()).isEqualTo(4);
            assertThat(entry.figures().medianReviewSeconds()).isEqualTo(bucketed(120));
        });
    }

    @Test
    void a_staff_member_sees_every_period_with_zeros_where_nothing_happened_and_the_total() {
        List<StaffKpiCell> cells = withRollUps(List.of(
                cell("2026-10-31", "reviewer", 1, 1, 0, List.of(60L)),
                cell("2026-11-02", "reviewer", 3, 2, 1, List.of(60L, 120L, 600L))));
        FindStaffMemberKpis question = new FindStaffMemberKpis("reviewer",
                new KpiRange(LocalDate.parse("2026-10-15"), LocalDate.parse("2026-12-05"), Granularity.MONTH));

        StaffMemberKpisView view = StaffKpiReport.of(question, cells, TEAMS, Tiling.COARSEST);

        assertThat(view.team()).isEqualTo("review-east");
        assertThat(view.periods()).extracting(PeriodFigures::period, PeriodFigures::periodStart, p -> p.figures().handled())
                .containsExactly(tuple("2026-10", LocalDate.parse("2026-10-15"), 1L),
                        tuple("2026-11", LocalDate.parse("2026-11-01"), 3L),
                        tuple("2026-12", LocalDate.parse("2026-12-01"), 0L));
        assertThat(view.total().handled()).isEqualTo(4);
        assertThat(view.total().approvalRate()).isEqualTo(new BigDecimal("0.7500"));
        assertThat(view.total().medianReviewSeconds()).isEqualTo(bucketed(60));
    }

    @Test
    void a_whole_month_is_read_from_its_month_cell_and_the_days_around_it_from_weeks_and_days() {
        // Of the cells below, the coarsest tiling reads the days before November, its month cell and the days after it.
        List<StaffKpiCell> cells = withRollUps(List.of(
                cell("2026-10-30", "reviewer", 1, 1, 0, List.of(60L)),     // Friday, in the range's first days
                cell("2026-11-02", "reviewer", 2, 2, 0, List.of(60L, 120L)), // in November, read as its month
                cell("2026-11-30", "reviewer", 1, 0, 1, List.of(600L)),    // the last day of November
                cell("2026-12-02", "reviewer", 4, 4, 0, List.of(30L))));   // Wednesday, in the range's last days
        List<StaffKpiCell> coarsest = cells.stream().filter(cell -> Set.of(
                "2026-10-30|reviewer", "2026-11|reviewer", "2026-12-02|reviewer").contains(cell.key().id())).toList();

        StaffKpisView view = report(question("2026-10-29", "2026-12-02", Granularity.TOTAL, null), coarsest);

        assertThat(view.leaderboard()).singleElement().satisfies(entry -> {
            assertThat(entry.figures().handled()).isEqualTo(8);
            assertThat(entry.figures().reviewsTimed()).isEqualTo(5);
            assertThat(entry.figures().medianReviewSeconds()).isEqualTo(bucketed(60));
        });
        assertThat(view).isEqualTo(report(question("2026-10-29", "2026-12-02", Granularity.TOTAL, null), cells));
    }

    @Test
    void a_quarter_cut_mid_week_and_mid_month_is_read_as_its_months_and_the_days_around_them() {
        KpiRange quarter = new KpiRange(LocalDate.parse("2026-08-25"), LocalDate.parse("2026-11-30"), Granularity.TOTAL);

        assertThat(Tiling.COARSEST.unitsOf(quarter)).extracting(CellUnit::label).containsExactly(
                "2026-08-25", "2026-08-26", "2026-08-27", "2026-08-28", "2026-08-29", "2026-08-30", "2026-08-31",
                "2026-09", "2026-10", "2026-11");
        // By day, every day is a period of its own, and the whole range (the leaderboard) still its months.
        assertThat(Tiling.COARSEST.unitsOf(new KpiRange(quarter.from(), quarter.to(), Granularity.DAY)))
                .hasSize(98 + 3);
        // By week: the six days of the clipped first week, thirteen whole weeks, the clipped last day (Monday 30th);
        // and for the whole range 31 August and the three months.
        assertThat(Tiling.COARSEST.unitsOf(new KpiRange(quarter.from(), quarter.to(), Granularity.WEEK)))
                .extracting(CellUnit::label).contains("2026-W36", "2026-W48", "2026-09", "2026-11").hasSize(6 + 13 + 1 + 1 + 3);
    }

    @Test
    void the_total_granularity_is_one_period_labelled_with_the_range() {
        assertThat(Granularity.TOTAL.periods(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")))
                .singleElement().extracting(Granularity.Period::period).isEqualTo("2026-11-01..2026-11-30");
    }

    @Test
    void without_dates_the_range_is_the_thirty_days_ending_today_by_day_ranked_by_handled() {
        FindStaffKpis question = FindStaffKpis.of(null, null, null, null, null, null, TODAY);

        assertThat(question.range()).isEqualTo(new KpiRange(LocalDate.parse("2026-11-01"), TODAY, Granularity.DAY));
        assertThat(question.sortBy()).isEqualTo(KpiMetric.HANDLED);
        assertThat(question.limit()).isEqualTo(FindStaffKpis.DEFAULT_LIMIT);
        assertThat(FindStaffKpis.of("2026-11-01", "2026-11-07", "week", "review-east", "medianReviewTime", 3, TODAY))
                .isEqualTo(new FindStaffKpis(new KpiRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-07"),
                        Granularity.WEEK), "review-east", KpiMetric.MEDIAN_REVIEW_TIME, 3));
    }

    @Test
    void bad_parameters_are_rejected_naming_the_parameter() {
        assertInvalid(() -> FindStaffKpis.of("23.11.2026", null, null, null, null, null, TODAY), "INVALID_PARAMETER", "from");
        assertInvalid(() -> FindStaffKpis.of(null, "tomorrow", null, null, null, null, TODAY), "INVALID_PARAMETER", "to");
        assertInvalid(() -> FindStaffKpis.of(null, null, "HOUR", null, null, null, TODAY), "INVALID_PARAMETER", "granularity");
        assertInvalid(() -> FindStaffKpis.of(null, null, null, null, "speed", null, TODAY), "INVALID_PARAMETER", "sortBy");
        assertInvalid(() -> FindStaffKpis.of(null, null, null, null, null, 0, TODAY), "INVALID_PARAMETER", "limit");
        assertInvalid(() -> FindStaffKpis.of("2026-12-01", "2026-11-01", null, null, null, null, TODAY), "INVALID_DATE_RANGE", "from");
        assertInvalid(() -> FindStaffKpis.of("2024-01-01", "2026-11-01", null, null, null, null, TODAY), "INVALID_DATE_RANGE", "to");
    }

    private static void assertInvalid(Runnable parse, String code, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    private static StaffKpisView report(FindStaffKpis question, List<StaffKpiCell> cells) {
        return StaffKpiReport.of(question, cells, TEAMS, Tiling.COARSEST);
    }

    private static FindStaffKpis question(String from, String to, Granularity granularity, String team) {
        return new FindStaffKpis(new KpiRange(LocalDate.parse(from), LocalDate.parse(to), granularity), team, KpiMetric.HANDLED, 10);
    }
}
