package io.refundledger.query.kpi;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the staff-to-team map, and makes the {@code staff-kpis} processor retry a failed batch instead of
 * skipping it: a skipped event would leave the counts wrong for good.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffTeams.class)
public class StaffKpiConfiguration {

    @Bean
    public ConfigurerModule staffKpisFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                StaffKpiProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
