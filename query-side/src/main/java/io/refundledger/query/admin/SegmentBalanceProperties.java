package io.refundledger.query.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How query-side instances share the segments of their processors ({@code ledger.processing.balance.*}).
 *
 * @param enabled                 run the balancer at all (one instance needs none, but it does no harm either)
 * @param heartbeatInterval       how often this instance announces itself in {@value QueryInstances#COLLECTION}
 * @param instanceTimeout         an instance not heard of for this long counts as gone; several heartbeats long, so
 *                                a slow write or a GC pause does not make it look dead
 * @param interval                how often this instance compares what it holds with its fair share
 * @param releaseFor              how long a released segment is left for another instance to claim before this one
 *                                may take it back; longer than the processors' token claim interval
 * @param claimExtensionThreshold how often an idle segment's claim is extended; well below the token claim timeout
 *                                ({@code ledger.mongodb.token-claim-timeout}), or an idle segment's claim would lapse
 */
@ConfigurationProperties(prefix = "ledger.processing.balance")
public record SegmentBalanceProperties(Boolean enabled, Duration heartbeatInterval, Duration instanceTimeout,
                                       Duration interval, Duration releaseFor, Duration claimExtensionThreshold) {

    public SegmentBalanceProperties {
        enabled = enabled == null || enabled;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(2) : heartbeatInterval;
        instanceTimeout = instanceTimeout == null ? Duration.ofSeconds(10) : instanceTimeout;
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        releaseFor = releaseFor == null ? Duration.ofSeconds(10) : releaseFor;
        claimExtensionThreshold = claimExtensionThreshold == null ? Duration.ofSeconds(1) : claimExtensionThreshold;
        if (instanceTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ledger.processing.balance.instance-timeout must be at least two "
                    + "heartbeat intervals");
        }
    }
}
