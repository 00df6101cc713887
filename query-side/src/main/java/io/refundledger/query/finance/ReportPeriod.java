package io.refundledger.query.finance;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The business days a finance report covers, both ends included ({@code from}, {@code to} as {@code yyyy-MM-dd} in
 * the business zone). Without {@code to} it ends today; without {@code from} it starts {@code defaultDays - 1} days
 * before {@code to}.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public ReportPeriod {
        if (from.isAfter(to)) {
            throw DomainException.invalid("INVALID_PARAMETER", "from", "from (" + from + ") must not be after to (" + to + ").");
        }
    }

    public static ReportPeriod of(String from, String to, LocalDate today, int defaultDays, int maxDays) {
        LocalDate end = to == null || to.isBlank() ? today : date(to, "to");
        LocalDate start = from == null || from.isBlank() ? end.minusDays(defaultDays - 1L) : date(from, "from");
        ReportPeriod period = new ReportPeriod(start, end);
        if (period.length() > maxDays) {
            throw DomainException.invalid("INVALID_PARAMETER", "to",
                    "A report covers at most " + maxDays + " days; " + start + " to " + end + " is " + period.length() + ".");
        }
        return period;
    }

    public long length() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Every day of the period, as the read model keys them. */
    public List<String> days() {
        List<String> days = new ArrayList<>((int) length());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day.toString());
        }
        return days;
    }

    private static LocalDate date(String value, String parameter) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("INVALID_PARAMETER", parameter,
                    "Parameter " + parameter + " must be a date like 2026-11-23; was '" + value.strip() + "'.");
        }
    }
}
