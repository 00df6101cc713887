package io.refundledger.command.subscription;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * "Now" and "today" for subscriptions: terms, effective dates and retention periods are business days in the
 * configured business zone ({@code ledger.business-zone}), never the server's zone.
 */
@Component
public class BusinessCalendar {

    private final Clock clock;
    private final ZoneId businessZone;

    public BusinessCalendar(Clock clock, ZoneId businessZone) {
        this.clock = clock;
        this.businessZone = businessZone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), businessZone);
    }

    public ZoneId businessZone() {
        return businessZone;
    }
}
