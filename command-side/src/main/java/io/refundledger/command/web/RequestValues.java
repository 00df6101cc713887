package io.refundledger.command.web;

import io.refundledger.events.common.Money;
import io.refundledger.infrastructure.errors.DomainException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads scalar request values that arrive as text, reporting problems as {@link DomainException}s that name
 * the field, so a client learns exactly which value to fix (Jackson's own errors cannot name it).
 */
public final class RequestValues {

    private RequestValues() {
    }

    /** The constant named by {@code raw}, or {@code null} when absent. Names are matched exactly. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String field, String unknownCode) {
        if (raw == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(raw.strip())) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw DomainException.invalid(unknownCode, field, field + " must be one of " + allowed);
    }

    /**
     * An instant written with its offset, e.g. {@code 2026-11-01T10:00:00+08:00}, or {@code null} when absent.
     * A time without offset is refused: which day it means would depend on the server's zone.
     */
    public static Instant instant(String raw, String field, String invalidCode) {
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(invalidCode, field,
                    field + " must be an ISO-8601 date-time with offset, e.g. 2026-11-01T10:00:00+08:00");
        }
    }

    /** The money in {@code json}, or {@code null} when the object is absent. */
    public static Money money(MoneyJson json, String field) {
        return json == null ? null : json.toMoney(field);
    }
}
