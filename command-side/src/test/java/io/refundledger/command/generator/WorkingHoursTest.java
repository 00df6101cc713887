package io.refundledger.command.generator;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final WorkingHours hours = new WorkingHours(SHANGHAI);

    @Test
    void staffActAtOnceDuringOfficeHours() {
        Instant tuesdayAfternoon = ZonedDateTime.of(2026, 11, 17, 15, 30, 0, 0, SHANGHAI).toInstant();
        assertThat(hours.next(tuesdayAfternoon, Staff.REVIEWER, new Random(1))).isEqualTo(tuesdayAfternoon);
    }

    @Test
    void staffWorkOffTheEveningsBacklogNextMorning() {
        Instant tuesdayEvening = ZonedDateTime.of(2026, 11, 17, 20, 0, 0, 0, SHANGHAI).toInstant();
        ZonedDateTime at = hours.next(tuesdayEvening, Staff.FINANCE, new Random(1)).atZone(SHANGHAI);
        assertThat(at.toLocalDate()).isEqualTo(tuesdayEvening.atZone(SHANGHAI).toLocalDate().plusDays(1));
        assertThat(at.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(11, 0));
    }

    @Test
    void staffDoNotWorkWeekendsButCustomersDo() {
        Instant saturdayNoon = ZonedDateTime.of(2026, 11, 21, 12, 0, 0, 0, SHANGHAI).toInstant();
        assertThat(hours.next(saturdayNoon, Staff.REVIEWER, new Random(1)).atZone(SHANGHAI).getDayOfWeek())
                .isEqualTo(DayOfWeek.MONDAY);
        assertThat(hours.next(saturdayNoon, Staff.AGENT, new Random(1))).isEqualTo(saturdayNoon);
    }

    @Test
    void customersSleepAtNight() {
        Instant threeInTheMorning = ZonedDateTime.of(2026, 11, 21, 3, 0, 0, 0, SHANGHAI).toInstant();
        ZonedDateTime at = hours.next(threeInTheMorning, Staff.AGENT, new Random(1)).atZone(SHANGHAI);
        assertThat(at.toLocalDate()).isEqualTo(threeInTheMorning.atZone(SHANGHAI).toLocalDate());
        assertThat(at.toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(10, 0));
    }
}
