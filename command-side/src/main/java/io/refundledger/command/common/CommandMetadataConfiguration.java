package io.refundledger.command.common;

import io.refundledger.events.common.MetadataKeys;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the origin of every command into its metadata (who, through which request) and copies those keys into
 * the metadata of every event it causes, so the event history answers "who did this, through which request,
 * was it a retry?" without looking anywhere else.
 */
@Configuration(proxyBeanMethods = false)
public class CommandMetadataConfiguration {

    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ACTOR, MetadataKeys.ACTOR_ROLES,
                MetadataKeys.REQUEST_ID, MetadataKeys.CHANNEL, MetadataKeys.IDEMPOTENCY_KEY, MetadataKeys.POLICY_VERSION,
                MetadataKeys.CUSTOMER_CHANNEL);
    }

    /**
     * Axon registers its {@link MessageOriginProvider} (correlation and trace ids) only when no other
     * provider is defined, so declaring ours would silently drop it: declare it explicitly.
     */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * On the bus rather than as a bean Axon would put on the gateway only: commands sent straight to the bus
     * must carry the acting user too.
     */
    @Bean
    public InitializingBean commandOriginOnEveryCommand(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new CommandOriginInterceptor());
    }
}
