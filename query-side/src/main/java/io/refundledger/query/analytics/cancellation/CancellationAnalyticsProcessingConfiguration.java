package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code cancellation-analytics} processor retries a failed batch instead of skipping it (a skipped event is a wrong sum for good). */
@Configuration(proxyBeanMethods = false)
public class CancellationAnalyticsProcessingConfiguration {

    @Bean
    public ConfigurerModule cancellationAnalyticsFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                CancellationAnalyticsProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule cancellationAnalyticsWritesInBatches(CancellationAnalyticsProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(CancellationAnalyticsProjection.PROCESSING_GROUP,
                CancellationAnalyticsStore.FLUSH_ORDER, projection::readAhead);
    }
}
