package io.refundledger.query.refund;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the {@code refund-progress} processor treats a failing handler. Its mode, segments and threads are in
 * {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class RefundProgressProcessingConfiguration {

    /**
     * Axon's default logs a handler failure and moves the token on, which would leave a hole in the read model
     * for good (a MongoDB hiccup would silently lose an approval). Failing the batch makes the processor
     * release the segment and retry it; the projection is idempotent, so the retry is safe.
     */
    @Bean
    public ConfigurerModule refundProgressFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                RefundProgressProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule refundProgressWritesInBatches(RefundProgressStore store) {
        return ReadModelBatchInterceptor.forProcessingGroup(RefundProgressProjection.PROCESSING_GROUP, RefundProgressStore.FLUSH_ORDER, events -> store.prefetch(events.aggregateIds()));
    }
}
