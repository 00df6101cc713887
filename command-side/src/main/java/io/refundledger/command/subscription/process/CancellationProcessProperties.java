package io.refundledger.command.subscription.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ledger.subscriptions.*} as far as the cancellation process is concerned.
 *
 * @param exportDirectory where the default exporter writes {@code <exportId>.json}
 * @param processInterval pause between two runs of the cancellation process runner
 * @param process         how the runner claims, waits and retries
 */
@ConfigurationProperties("ledger.subscriptions")
public record CancellationProcessProperties(
        @DefaultValue("data/exports") Path exportDirectory,
        @DefaultValue("PT5S") Duration processInterval,
        @DefaultValue Process process) {

    /**
     * @param enabled        whether this instance runs the scheduled runner at all (the processor always runs)
     * @param lease          how long a claimed process is reserved for the claiming instance; longer than the
     *                       slowest step (an export)
     * @param awaitEvent     after a step was sent, how long before looking again if its event has not arrived
     * @param initialBackoff the wait after a first failure; doubled after each further one
     * @param maxBackoff     the longest wait between retries
     * @param batchSize      processes handled per run at most
     */
    public record Process(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT2M") Duration lease,
            @DefaultValue("PT1M") Duration awaitEvent,
            @DefaultValue("PT10S") Duration initialBackoff,
            @DefaultValue("PT1H") Duration maxBackoff,
            @DefaultValue("50") int batchSize) {
    }
}
