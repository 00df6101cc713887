package io.refundledger.query.audit;

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
}
