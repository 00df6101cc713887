package io.refundledger.query.subscription;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code subscriptions} processor fails a batch rather than skip an event (mode and segments: application.yml). */
@Configuration(proxyBeanMethods = false)
public class SubscriptionProcessingConfiguration {

    /**
     * Axon's default logs a handler failure and moves on, which would leave a cancellation step missing for good.
     * Failing the batch makes the processor retry it; the projection is idempotent, so the retry is safe.
     */
    @Bean
    public ConfigurerModule subscriptionStatusFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                SubscriptionStatusProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule subscriptionStatusWritesInBatches(SubscriptionStatusStore store) {
        return ReadModelBatchInterceptor.forProcessingGroup(SubscriptionStatusProjection.PROCESSING_GROUP, SubscriptionStatusStore.FLUSH_ORDER,
                events -> store.prefetch(events.aggregateIds()));
    }
}
