package io.refundledger.query.analytics.refund;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code refund-analytics} processor retries a failed batch instead of skipping it (a skipped event is a wrong sum for good). */
@Configuration(proxyBeanMethods = false)
public class RefundAnalyticsProcessingConfiguration {

    @Bean
    public ConfigurerModule refundAnalyticsFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                RefundAnalyticsProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule refundAnalyticsWritesInBatches(RefundAnalyticsProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(RefundAnalyticsProjection.PROCESSING_GROUP,
                RefundAnalyticsStore.FLUSH_ORDER, projection::readAhead);
    }
}
