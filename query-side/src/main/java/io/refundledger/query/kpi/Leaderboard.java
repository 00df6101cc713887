package io.refundledger.query.kpi;

import io.refundledger.query.kpi.StaffKpisView.LeaderboardEntry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks staff by one metric. Pure. */
final class Leaderboard {

    private Leaderboard() {
    }

    /**
     * Best first; equal values share a rank and the next rank skips (1, 2, 2, 4); within a tie, by staff id.
     * Staff without a value for the metric are left out; the first {@code limit} entries are returned.
     */
    static List<LeaderboardEntry> rank(Map<String, StaffKpiFigures> figuresByStaff, KpiMetric metric, StaffTeams teams,
                                       int limit) {
        Comparator<BigDecimal> better = metric.higherIsBetter() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<Map.Entry<String, BigDecimal>> ranked = figuresByStaff.entrySet().stream()
                .filter(e -> metric.valueOf(e.getValue()) != null)
                .map(e -> Map.entry(e.getKey(), metric.valueOf(e.getValue())))
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(better).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .toList();
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Map.Entry<String, BigDecimal> entry = ranked.get(i);
            boolean tiesPrevious = i > 0 && ranked.get(i - 1).getValue().compareTo(entry.getValue()) == 0;
            int rank = tiesPrevious ? entries.get(i - 1).rank() : i + 1;
            entries.add(new LeaderboardEntry(rank, entry.getKey(), teams.teamOf(entry.getKey()), entry.getValue(),
                    figuresByStaff.get(entry.getKey())));
        }
        return entries;
    }
}
