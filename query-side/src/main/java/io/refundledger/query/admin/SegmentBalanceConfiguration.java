package io.refundledger.query.admin;

import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.config.LedgerMongoProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Several query-side instances on one database share the segments of every processor; see {@link SegmentBalancer}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SegmentBalanceProperties.class)
public class SegmentBalanceConfiguration {

    @Bean
    public QueryInstances queryInstances(MongoDatabase database) {
        return new QueryInstances(database);
    }

    @Bean
    @ConditionalOnProperty(prefix = "ledger.processing.balance", name = "enabled", matchIfMissing = true)
    public SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore,
                                           QueryInstances instances, LedgerMongoProperties mongo, Clock clock,
                                           SegmentBalanceProperties settings) {
        return new SegmentBalancer(processing, tokenStore, instances, mongo.nodeId(), clock, settings);
    }

    /**
     * Idle segments extend their claims this often (Axon's default, 5 s, would equal the query side's shorter claim
     * timeout and let an idle claim lapse). The claim timeout is short so that a survivor takes over a dead
     * instance's segments within seconds; each extension is one write of a token document.
     */
    @Bean
    public ConfigurerModule pooledClaimExtension(SegmentBalanceProperties settings) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (config, builder) -> builder.claimExtensionThreshold(settings.claimExtensionThreshold().toMillis()));
    }
}
