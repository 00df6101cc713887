package io.refundledger.infrastructure.time;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Where both apps read "now" from: the system clock, or, with {@code ledger.clock.start} set, a clock that starts
 * at that instant and ticks on in real time. Tests that launch the built jars use the setting to own the date
 * (a policy window, an application number's day) instead of depending on the day they run; so can a demo of a
 * given day. Tests inside one JVM pin their own {@code @Primary} clock instead.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerClockConfiguration {

    public static final String START_PROPERTY = "ledger.clock.start";
    /**
     * The system-clock instant at which the clock reads {@code ledger.clock.start}; default: when the app starts.
     * Several instances launched at different moments with the same start and anchor share one clock.
     */
    public static final String ANCHOR_PROPERTY = "ledger.clock.start-anchor";

    @Bean
    public Clock clock(@Value("${" + START_PROPERTY + ":}") String start, @Value("${" + ANCHOR_PROPERTY + ":}") String anchor) {
        return LedgerClocks.startingAt(start, anchor, Clock.systemUTC());
    }

    /**
     * With a start set, Axon's own event timestamps follow the same clock, so an event's time agrees with the times
     * in its payload. Only then: Axon keeps this clock in a static field, and tests running several contexts in one
     * JVM must not leave a pinned clock behind in it.
     */
    @Bean
    public AxonEventClock axonEventClock(@Value("${" + START_PROPERTY + ":}") String start, Clock clock) {
        return new AxonEventClock(start.isBlank() ? null : clock);
    }

    /** Sets Axon's event clock for the life of the context and puts the previous one back on close. */
    public static final class AxonEventClock implements DisposableBean {

        private final Clock previous = GenericEventMessage.clock;
        private final boolean replaced;

        AxonEventClock(Clock clock) {
            replaced = clock != null;
            if (replaced) {
                GenericEventMessage.clock = clock;
            }
        }

        @Override
        public void destroy() {
            if (replaced) {
                GenericEventMessage.clock = previous;
            }
        }
    }
}
