package io.refundledger.query.audit;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code audit-history} processor fails a batch rather than skip an event (mode and segments: application.yml). */
@Configuration(proxyBeanMethods = false)
public class AuditHistoryProcessingConfiguration {

    /** A history with a hole is worse than a late one: the batch is retried, and the projection is idempotent. */
    @Bean
    public ConfigurerModule auditHistoryFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                AuditHistoryProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule auditHistoryWritesInBatches() {
        return ReadModelBatchInterceptor.forProcessingGroup(AuditHistoryProjection.PROCESSING_GROUP, AuditHistoryStore.FLUSH_ORDER);
    }
}
