package io.refundledger.query.analytics;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads dashboard request parameters, answering a bad one with a 400 problem that names the parameter
 * ({@code field}) and the rule broken ({@code code}): {@code MISSING_PARAMETER}, {@code INVALID_PARAMETER}.
 */
public final class AnalyticsParameters {

    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 50;

    private AnalyticsParameters() {
    }

    /** A required ISO date ({@code 2026-11-23}). */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", name, "Parameter " + name + " is required (an ISO date, e.g. 2026-11-23).");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("INVALID_PARAMETER", name,
                    "Parameter " + name + " must be an ISO date like 2026-11-23, not " + value.strip() + ".");
        }
    }

    /** One of the enum's constants, by name in any case; {@code fallback} when not given. */
    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(wanted)).findFirst()
                .orElseThrow(() -> DomainException.invalid("INVALID_PARAMETER", name, "Parameter " + name + " is one of "
                        + Arrays.toString(type.getEnumConstants()) + "; not " + value.strip() + "."));
    }

    /** A filter value: null when not given (no filtering), else stripped. */
    public static String filter(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A filter that must name one of the enum's constants (any case); null when not given. */
    public static <E extends Enum<E>> String filter(String name, String value, Class<E> type) {
        E constant = choice(name, value, type, null);
        return constant == null ? null : constant.name();
    }

    /** The channel filter: ONLINE, OFFLINE or UNKNOWN (not stated), any case; null when not given. */
    public static String channelFilter(String value) {
        String channel = filter(value);
        if (channel == null) {
            return null;
        }
        channel = channel.toUpperCase(Locale.ROOT);
        if (!channel.equals("ONLINE") && !channel.equals("OFFLINE") && !channel.equals(CellKeys.UNKNOWN)) {
            throw DomainException.invalid("INVALID_PARAMETER", "channel",
                    "Parameter channel is one of [ONLINE, OFFLINE, UNKNOWN]; not " + value.strip() + ".");
        }
        return channel;
    }

    /** How many entries a top list has, 1 to {@value #MAX_TOP}; {@value #DEFAULT_TOP} when not given. */
    public static int top(Integer value) {
        if (value == null) {
            return DEFAULT_TOP;
        }
        if (value < 1 || value > MAX_TOP) {
            throw DomainException.invalid("INVALID_PARAMETER", "top", "Parameter top must be between 1 and " + MAX_TOP + ".");
        }
        return value;
    }
}
