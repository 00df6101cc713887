package io.refundledger.command.common;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Copies the keys a command carries about its origin into the metadata of every event it causes, so the
 * event history can answer "which request did this?" without looking anywhere else.
 */
@Configuration(proxyBeanMethods = false)
public class CommandMetadataConfiguration {

    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CommandMetadata.REQUEST_ID, CommandMetadata.CHANNEL);
    }

    /**
     * Axon registers its {@link MessageOriginProvider} (correlation and trace ids) only when no other
     * provider is defined, so declaring ours would silently drop it: declare it explicitly.
     */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
