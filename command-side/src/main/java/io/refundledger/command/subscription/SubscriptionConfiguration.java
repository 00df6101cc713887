package io.refundledger.command.subscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settlement policy the subscription aggregate settles cancellations under (injected into its handler). */
@Configuration(proxyBeanMethods = false)
public class SubscriptionConfiguration {

    @Bean
    public SettlementPolicy settlementPolicy() {
        return new SettlementPolicy();
    }
}
