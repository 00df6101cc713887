package io.refundledger.infrastructure.time;

import io.refundledger.infrastructure.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerClocksTest {

    private static final Instant SYSTEM_NOW = Instant.parse("2031-05-05T12:00:00Z");

    @Test
    void withoutAStartTheSystemClockIsUsed() {
        Clock system = Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC);

        assertThat(LedgerClocks.startingAt("", system)).isSameAs(system);
        assertThat(LedgerClocks.startingAt(null, system)).isSameAs(system);
    }

    @Test
    void aStartedClockReadsItsStartAndTicksOnWithTheSystemClock() {
        MutableClock system = new MutableClock(SYSTEM_NOW);
        Clock clock = LedgerClocks.startingAt("2026-11-23T02:00:00Z", system);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
        system.advance(Duration.ofMinutes(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T03:30:00Z"));
    }

    @Test
    void instancesStartedAtDifferentMomentsWithOneAnchorShareOneClock() {
        MutableClock system = new MutableClock(SYSTEM_NOW);
        Clock first = LedgerClocks.startingAt("2026-11-23T02:00:00Z", SYSTEM_NOW.toString(), system);
        system.advance(Duration.ofSeconds(40)); // the second instance took longer to start
        Clock second = LedgerClocks.startingAt("2026-11-23T02:00:00Z", SYSTEM_NOW.toString(), system);

        assertThat(second.instant()).isEqualTo(first.instant()).isEqualTo(Instant.parse("2026-11-23T02:00:40Z"));
    }

    @Test
    void anUnreadableAnchorIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LedgerClocks.startingAt("2026-11-23T02:00:00Z", "soon", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.clock.start-anchor");
    }

    @Test
    void anUnreadableStartIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LedgerClocks.startingAt("23 Nov 2026", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.clock.start");
    }
}
