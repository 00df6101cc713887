package io.refundledger.command.generator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code generate.*}: the size and shape of a generated history (profile {@code generate}).
 *
 * @param applications     refund applications to submit
 * @param subscriptions    subscriptions to start (some are cancelled, some cancellations revoked)
 * @param seed             the same seed gives the same mix of cases, amounts, reasons and delays
 * @param days             how many days the history spans
 * @param start            when it starts; by default {@code days} before the tool was started, so it ends "now". With
 *                         a fixed start the same seed gives the same history every time (but for its ids)
 * @param runOnStartup     generate as soon as the application has started (off in tests, which call the generator)
 * @param exitWhenDone     stop the application after generating, with exit code 1 if any command failed
 * @param escalationSweep  how often, in simulated time, the SLA monitor runs over overdue deadlines
 */
@ConfigurationProperties("generate")
public record GeneratorProperties(
        @DefaultValue("200") int applications,
        @DefaultValue("20") int subscriptions,
        @DefaultValue("42") long seed,
        @DefaultValue("90") int days,
        Instant start,
        @DefaultValue("true") boolean runOnStartup,
        @DefaultValue("true") boolean exitWhenDone,
        @DefaultValue("PT6H") Duration escalationSweep) {

    public GeneratorProperties {
        if (applications < 0 || subscriptions < 0) {
            throw new IllegalArgumentException("generate.applications and generate.subscriptions must not be negative");
        }
        if (days < 1) {
            throw new IllegalArgumentException("generate.days must be at least 1");
        }
        if (escalationSweep.isNegative() || escalationSweep.isZero()) {
            throw new IllegalArgumentException("generate.escalation-sweep must be positive");
        }
    }
}
