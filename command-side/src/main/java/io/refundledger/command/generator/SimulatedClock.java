package io.refundledger.command.generator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a generated history: every aggregate, the number issuer and the event store read "now" from it, and
 * the generator moves it forward step by step, so a history spread over months is written in minutes with the
 * times it would have had. It never goes back: events must stay in time order in the log.
 */
public final class SimulatedClock extends Clock {

    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code instant}, or leaves it where it is when that lies in its past. */
    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Everything in the ledger asks for instants and dates them in the business zone itself.
        throw new UnsupportedOperationException("the simulated clock serves instants only");
    }
}
