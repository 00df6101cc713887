package io.refundledger.query.analytics;

import java.time.LocalDate;

/**
 * One period of a trend.
 *
 * @param label the calendar period, e.g. {@code 2026-11-23}, {@code 2026-W48}, {@code 2026-11}
 * @param start first day counted, clipped to the query's {@code from}
 * @param end   last day counted (inclusive), clipped to the query's {@code to}
 */
public record Period(String label, LocalDate start, LocalDate end) {
}
