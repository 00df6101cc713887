package io.refundledger.query.kpi;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;

/**
 * "How did each staff member and each team do in these periods, and who leads on this metric?"
 *
 * @param team   only staff of this team (as configured now), or null for everyone
 * @param sortBy what the leaderboard ranks by
 * @param limit  leaderboard length, 1 to {@value #MAX_LIMIT}
 */
public record FindStaffKpis(KpiRange range, String team, KpiMetric sortBy, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public FindStaffKpis {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("INVALID_PARAMETER", "limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    /** From request parameters; {@code today} is the business day the default range ends on. */
    public static FindStaffKpis of(String from, String to, String granularity, String team, String sortBy, Integer limit,
                                   LocalDate today) {
        KpiRange range = KpiRange.of(from, to, granularity, today);
        KpiMetric metric = sortBy == null || sortBy.isBlank() ? KpiMetric.HANDLED
                : KpiMetric.ofParameter(sortBy.strip()).orElseThrow(() -> DomainException.invalid("INVALID_PARAMETER", "sortBy",
                "sortBy is one of " + KpiMetric.parameterNames() + "; not " + sortBy.strip() + "."));
        return new FindStaffKpis(range, team == null || team.isBlank() ? null : team.strip(), metric,
                limit == null ? DEFAULT_LIMIT : limit);
    }
}
