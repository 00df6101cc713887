package io.refundledger.infrastructure.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The clock named by {@code ledger.clock.start}. */
public final class LedgerClocks {

    private LedgerClocks() {
    }

    /**
     * {@code system} itself when {@code start} is blank; otherwise a clock that reads {@code start} now and moves on
     * with {@code system} from there (an ISO-8601 instant with offset, e.g. {@code 2026-11-23T02:00:00Z}).
     */
    public static Clock startingAt(String start, Clock system) {
        return startingAt(start, null, system);
    }

    /**
     * As {@link #startingAt(String, Clock)}, but reading {@code start} at the system instant {@code anchor} rather than
     * now: processes given the same start and anchor share one clock exactly, however long each took to start.
     */
    public static Clock startingAt(String start, String anchor, Clock system) {
        if (start == null || start.isBlank()) {
            return system;
        }
        Instant from = instant(start, LedgerClockConfiguration.START_PROPERTY);
        Instant at = anchor == null || anchor.isBlank() ? system.instant() : instant(anchor, LedgerClockConfiguration.ANCHOR_PROPERTY);
        return Clock.offset(system, Duration.between(at, from));
    }

    private static Instant instant(String value, String property) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(property + " must be an ISO-8601 instant such as 2026-11-23T02:00:00Z, not '"
                    + value + "'", e);
        }
    }
}
