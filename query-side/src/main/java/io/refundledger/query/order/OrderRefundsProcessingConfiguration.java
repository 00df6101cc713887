package io.refundledger.query.order;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code order-refunds} processor retries a failed batch instead of skipping it (see the refund-progress one). */
@Configuration(proxyBeanMethods = false)
public class OrderRefundsProcessingConfiguration {

    @Bean
    public ConfigurerModule orderRefundsFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                OrderRefundsProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule orderRefundsWriteInBatches(OrderRefundsProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(OrderRefundsProjection.PROCESSING_GROUP, OrderRefundsStore.FLUSH_ORDER,
                projection::readAhead);
    }
}
