package io.refundledger.command.sla;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ledger.sla.*}. The payout deadline itself is the refund policy's
 * {@code ledger.refund-policy.payout-deadline}, not a key of its own.
 *
 * @param escalation how overdue deadlines are looked for and escalated
 */
@ConfigurationProperties("ledger.sla")
public record SlaProperties(@DefaultValue Escalation escalation) {

    /**
     * @param enabled   whether this instance runs the scheduled escalation at all
     * @param interval  pause between two runs
     * @param lease     how long a deadline claimed for escalation is reserved for the claiming instance; after a
     *                  failed send it is also the wait before the next try
     * @param batchSize deadlines escalated per run at most
     */
    public record Escalation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT1M") Duration interval,
            @DefaultValue("PT5M") Duration lease,
            @DefaultValue("100") int batchSize) {
    }
}
