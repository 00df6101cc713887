package io.refundledger.query.kpi;

import io.refundledger.query.common.ReadModelBatchInterceptor;
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

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule staffKpisWriteInBatches(StaffKpiProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(StaffKpiProjection.PROCESSING_GROUP, StaffKpiStore.FLUSH_ORDER,
                projection::readAhead);
    }
}
