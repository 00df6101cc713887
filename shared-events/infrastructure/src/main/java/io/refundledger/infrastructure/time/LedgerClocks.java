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
        if (start == null || start.isBlank()) {
            return system;
        }
        Instant from;
        try {
            from = Instant.parse(start.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(LedgerClockConfiguration.START_PROPERTY
                    + " must be an ISO-8601 instant such as 2026-11-23T02:00:00Z, not '" + start + "'", e);
        }
        return Clock.offset(system, Duration.between(system.instant(), from));
    }
}
