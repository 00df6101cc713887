package io.refundledger.query.kpi;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The business days a KPI question covers and how they are cut into periods, from the request parameters.
 * {@code from} and {@code to} are ISO dates, both inclusive, in the business zone; without them, the 30 days
 * ending today. At most {@value #MAX_DAYS} days.
 */
public record KpiRange(LocalDate from, LocalDate to, Granularity granularity) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    public KpiRange {
        if (from.isAfter(to)) {
            throw DomainException.invalid("INVALID_DATE_RANGE", "from", "from (" + from + ") is after to (" + to + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw DomainException.invalid("INVALID_DATE_RANGE", "to",
                    "A KPI range covers at most " + MAX_DAYS + " days; " + from + " to " + to + " is longer.");
        }
    }

    static KpiRange of(String from, String to, String granularity, LocalDate today) {
        LocalDate end = date(to, "to");
        LocalDate start = date(from, "from");
        if (end == null) {
            end = today;
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS - 1);
        }
        return new KpiRange(start, end, granularity(granularity));
    }

    List<Granularity.Period> periods() {
        return granularity.periods(from, to);
    }

    private static LocalDate date(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("INVALID_PARAMETER", parameter,
                    parameter + " must be an ISO date such as 2026-11-23; not " + value.strip() + ".");
        }
    }

    private static Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return Granularity.DAY;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Granularity.values()).filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> DomainException.invalid("INVALID_PARAMETER", "granularity",
                        "granularity is one of " + Arrays.toString(Granularity.values()) + "; not " + value.strip() + "."));
    }
}
