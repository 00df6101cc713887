package io.refundledger.query.audit;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A moment in an application's history: an instant (every event recorded at or before it) or a global position
 * (every event up to and including it). Exactly one is set.
 */
public record PointInLog(Instant at, Long position) {

    public PointInLog {
        if ((at == null) == (position == null)) {
            throw new IllegalArgumentException("Give either an instant or a position");
        }
    }

    public static PointInLog at(Instant instant) {
        return new PointInLog(instant, null);
    }

    public static PointInLog position(long position) {
        return new PointInLog(null, position);
    }

    /** {@code 42} is a position, {@code 2026-11-23T02:15:00Z} an instant; anything else is a 400 naming the field. */
    public static PointInLog parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", field, "Parameter " + field + " is required.");
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return position(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw invalid(field, v);
            }
        }
        try {
            return at(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw invalid(field, v);
        }
    }

    /** Whether the entry belongs to the history up to this point. */
    boolean includes(AuditEntry entry) {
        return position != null ? entry.globalPosition() <= position : !entry.timestamp().isAfter(at);
    }

    private static DomainException invalid(String field, String value) {
        return DomainException.invalid("INVALID_POINT_IN_LOG", field,
                field + " must be a global position (e.g. 42) or an ISO-8601 instant (e.g. 2026-11-23T02:15:00Z), not '"
                        + value + "'.");
    }
}
