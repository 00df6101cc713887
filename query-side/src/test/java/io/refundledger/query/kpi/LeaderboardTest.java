package io.refundledger.query.kpi;

import io.refundledger.query.kpi.StaffKpisView.LeaderboardEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Ranking staff on one metric: which way is better, shared ranks for ties, who is left out. */
class LeaderboardTest {

    private static final StaffTeams TEAMS = new StaffTeams(Map.of("reviewer", "review-east", "reviewer2", "review-west"));

    @Test
    void equal_values_share_a_rank_and_the_next_rank_skips_ties_ordered_by_staff_id() {
        Map<String, StaffKpiFigures> figures = new TreeMap<>(Map.of(
                "zhao", handled(5), "reviewer2", handled(7), "reviewer", handled(7), "qian", handled(2)));

        List<LeaderboardEntry> board = Leaderboard.rank(figures, KpiMetric.HANDLED, TEAMS, 10);

        assertThat(board).extracting(LeaderboardEntry::rank, LeaderboardEntry::staffId, LeaderboardEntry::team, LeaderboardEntry::value)
                .containsExactly(
                        tuple(1, "reviewer", "review-east", BigDecimal.valueOf(7)),
                        tuple(1, "reviewer2", "review-west", BigDecimal.valueOf(7)),
                        tuple(3, "zhao", "unassigned", BigDecimal.valueOf(5)),
                        tuple(4, "qian", "unassigned", BigDecimal.valueOf(2)));
    }

    @Test
    void shorter_review_times_and_fewer_breaches_rank_higher() {
        Map<String, StaffKpiFigures> figures = Map.of(
                "fast", reviewedIn(60L, 3), "slow", reviewedIn(3600L, 0), "never-reviewed", handled(0));

        assertThat(Leaderboard.rank(figures, KpiMetric.MEDIAN_REVIEW_TIME, TEAMS, 10))
                .extracting(LeaderboardEntry::staffId).containsExactly("fast", "slow");
        assertThat(Leaderboard.rank(figures, KpiMetric.SLA_BREACHES, TEAMS, 10))
                .extracting(LeaderboardEntry::rank, LeaderboardEntry::staffId)
                .containsExactly(tuple(1, "never-reviewed"), tuple(1, "slow"), tuple(3, "fast"));
    }

    @Test
    void staff_without_a_value_for_the_metric_are_not_ranked_on_it() {
        Map<String, StaffKpiFigures> figures = Map.of("finance", handled(0), "reviewer", handled(4));

        assertThat(Leaderboard.rank(figures, KpiMetric.APPROVAL_RATE, TEAMS, 10))
                .extracting(LeaderboardEntry::staffId).containsExactly("reviewer");
        assertThat(Leaderboard.rank(figures, KpiMetric.RATING, TEAMS, 10)).isEmpty();
    }

    @Test
    void the_limit_cuts_the_board_after_ranking() {
        Map<String, StaffKpiFigures> figures = Map.of("a", handled(1), "b", handled(3), "c", handled(2));

        assertThat(Leaderboard.rank(figures, KpiMetric.HANDLED, TEAMS, 2))
                .extracting(LeaderboardEntry::rank, LeaderboardEntry::staffId)
                .containsExactly(tuple(1, "b"), tuple(2, "c"));
    }

    /** {@code handled} decisions, all approved. */
    private static StaffKpiFigures handled(long handled) {
        return new KpiTally().add(KpiCells.decisions(handled, handled, 0, List.of())).figures();
    }

    private static StaffKpiFigures reviewedIn(long seconds, long slaBreaches) {
        return new KpiTally().add(KpiCells.decisions(1, 1, 0, List.of(seconds))
                .plus(new StaffKpiTotals(0, 0, 0, 0, 0, null, null, slaBreaches, 0, 0, 0, 0))).figures();
    }
}
