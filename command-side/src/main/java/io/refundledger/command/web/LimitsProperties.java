package io.refundledger.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ledger.limits.*}: what one request may ask of the command side.
 *
 * @param maxBodySize the largest request body; a larger one is refused (413) before it is read any further
 * @param rate        the per-user rate limit
 */
@ConfigurationProperties("ledger.limits")
public record LimitsProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue Rate rate) {

    public LimitsProperties {
        if (maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ledger.limits.max-body-size must be positive and below 2 GB");
        }
    }

    /**
     * A token bucket per user (or, for requests without a user, per remote address), in memory on each instance.
     *
     * @param requestsPerSecond how fast the bucket refills
     * @param burst             how many requests may come at once after a quiet spell (the bucket's size)
     */
    public record Rate(@DefaultValue("true") boolean enabled, @DefaultValue("50") double requestsPerSecond,
                       @DefaultValue("100") int burst) {

        public Rate {
            if (!(requestsPerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("ledger.limits.rate needs requests-per-second > 0 and burst >= 1");
            }
        }
    }
}
