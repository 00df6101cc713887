package io.refundledger.command.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/**
 * Where "today" is. Everything asks the injected {@link java.time.Clock} for "now" (the shared
 * {@link io.refundledger.infrastructure.time.LedgerClockConfiguration}; tests pin it) and dates business days in the
 * configured zone, never in the server's default zone.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

    /** The zone in which a business day starts and ends (application-number dates, later refund windows). */
    @Bean
    public ZoneId businessZone(@Value("${ledger.business-zone:Asia/Shanghai}") String zone) {
        return ZoneId.of(zone);
    }
}
