package io.refundledger.command.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.random.RandomGenerator;

/**
 * When people act, in the business zone: staff on weekdays from 09:00 to 18:00, customers (through customer service
 * and the self-service channels) every day from 08:00 to 23:00. A step that would fall outside is moved to the start
 * of the next such period plus a little, as a backlog is worked off in the morning. Pure.
 */
public final class WorkingHours {

    private static final LocalTime OFFICE_OPENS = LocalTime.of(9, 0);
    private static final LocalTime OFFICE_CLOSES = LocalTime.of(18, 0);
    private static final LocalTime CUSTOMERS_WAKE = LocalTime.of(8, 0);
    private static final LocalTime CUSTOMERS_SLEEP = LocalTime.of(23, 0);
    /** The morning backlog: steps moved to the opening are spread over its first two hours. */
    private static final int BACKLOG_MINUTES = 120;

    private final ZoneId zone;

    public WorkingHours(ZoneId zone) {
        this.zone = zone;
    }

    /** The first moment at or after {@code wanted} when {@code actor} would do it. */
    public Instant next(Instant wanted, Staff actor, RandomGenerator random) {
        // Drawn whether needed or not, so a case's later draws do not depend on the hour its steps fall on.
        int backlogMinutes = random.nextInt(BACKLOG_MINUTES);
        ZonedDateTime at = wanted.atZone(zone);
        LocalTime opens = actor.keepsOfficeHours() ? OFFICE_OPENS : CUSTOMERS_WAKE;
        LocalTime closes = actor.keepsOfficeHours() ? OFFICE_CLOSES : CUSTOMERS_SLEEP;
        if (isWorkingDay(at.getDayOfWeek(), actor) && !at.toLocalTime().isBefore(opens) && at.toLocalTime().isBefore(closes)) {
            return wanted;
        }
        ZonedDateTime day = at.toLocalTime().isBefore(opens) ? at : at.plusDays(1);
        while (!isWorkingDay(day.getDayOfWeek(), actor)) {
            day = day.plusDays(1);
        }
        return day.with(opens).plusMinutes(backlogMinutes).toInstant();
    }

    private static boolean isWorkingDay(DayOfWeek day, Staff actor) {
        return !actor.keepsOfficeHours() || (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY);
    }
}
