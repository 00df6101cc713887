package io.refundledger.query.kpi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the leaderboard ranks staff by, and which way is better. A staff member without a value for the
 * metric (no decisions for an approval rate, no rated application for a rating) is not ranked on it.
 */
public enum KpiMetric {
    HANDLED("handled", true),
    APPROVAL_RATE("approvalRate", true),
    MEDIAN_REVIEW_TIME("medianReviewTime", false),
    RATING("rating", true),
    SLA_BREACHES("slaBreaches", false);

    private final String parameter;
    private final boolean higherIsBetter;

    KpiMetric(String parameter, boolean higherIsBetter) {
        this.parameter = parameter;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name used in the {@code sortBy} parameter. */
    public String parameter() {
        return parameter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The figure ranked on, or null when there is none. */
    public BigDecimal valueOf(StaffKpiFigures figures) {
        return switch (this) {
            case HANDLED -> BigDecimal.valueOf(figures.handled());
            case APPROVAL_RATE -> figures.approvalRate();
            case MEDIAN_REVIEW_TIME -> figures.medianReviewSeconds() == null ? null : BigDecimal.valueOf(figures.medianReviewSeconds());
            case RATING -> figures.averageRating();
            case SLA_BREACHES -> BigDecimal.valueOf(figures.slaBreaches());
        };
    }

    public static Optional<KpiMetric> ofParameter(String name) {
        return Arrays.stream(values()).filter(m -> m.parameter.equalsIgnoreCase(name)).findFirst();
    }

    public static String parameterNames() {
        return String.join(", ", Arrays.stream(values()).map(KpiMetric::parameter).toList());
    }
}
