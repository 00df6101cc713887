package io.refundledger.events.refund;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * 退费申请编号: the number a customer quotes, {@code RF-yyyyMMdd-NNNNNN}, dated in the business time zone
 * and numbered by a per-day counter.
 */
public record ApplicationNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("RF-\\d{8}-\\d{6,}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public ApplicationNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an application number: " + value);
        }
    }

    public static ApplicationNumber of(LocalDate businessDay, long sequenceOfDay) {
        if (sequenceOfDay < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        return new ApplicationNumber(dayPrefix(businessDay) + "-" + String.format("%06d", sequenceOfDay));
    }

    /** The per-day counter key, e.g. {@code RF-20261123}. */
    public static String dayPrefix(LocalDate businessDay) {
        return "RF-" + businessDay.format(DAY);
    }

    public static boolean looksLikeOne(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
