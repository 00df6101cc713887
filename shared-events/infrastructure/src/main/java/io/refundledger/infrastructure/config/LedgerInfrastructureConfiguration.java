package io.refundledger.infrastructure.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.infrastructure.security.LedgerSecurityConfiguration;
import io.refundledger.infrastructure.time.LedgerClockConfiguration;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.infrastructure.upcasting.RefundUpcasters;
import io.refundledger.infrastructure.web.MongoHealthIndicator;
import io.refundledger.infrastructure.web.ProblemDocumentAdvice;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What both apps share: the clock, the MongoDB client, the event storage engine, the storage serializers and the
 * token store, the problem-document advice, the database health check and security (users, HTTP Basic or
 * JWT, 401/403 problems; each app adds its own {@link io.refundledger.infrastructure.security.AccessRules}). Imported explicitly by each app, so its beans win over Axon's auto-configured defaults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerMongoProperties.class)
@Import({LedgerSecurityConfiguration.class, io.refundledger.infrastructure.audit.AuditConfiguration.class,
        LedgerClockConfiguration.class})
public class LedgerInfrastructureConfiguration {

    @Bean(destroyMethod = "close")
    public MongoClient ledgerMongoClient(LedgerMongoProperties properties) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    public MongoDatabase ledgerDatabase(MongoClient client, LedgerMongoProperties properties) {
        String named = new ConnectionString(properties.uri()).getDatabase();
        return client.getDatabase(named == null || named.isBlank() ? properties.database() : named);
    }

    @Bean
    public MongoHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoHealthIndicator(database);
    }

    @Bean
    public ProblemDocumentAdvice problemDocumentAdvice() {
        return new ProblemDocumentAdvice();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return LedgerSerializers.storageSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return LedgerSerializers.storageSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return LedgerSerializers.storageSerializer();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase database,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 ObjectProvider<EventUpcaster> upcasters,
                                                 ObjectProvider<Clock> clock) {
        return MongoCommitLogStorageEngine.builder()
                .database(database)
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(java.util.stream.Stream.concat(
                        RefundUpcasters.all().stream(), upcasters.orderedStream()).toList()))
                .build();
    }

    /**
     * Axon's embedded event store over our engine, as Axon's auto-configuration would build it, but polling the store
     * every {@code ledger.event-store.fetch-delay} (100 ms) instead of every second while its readers are at the head.
     * Events appended in this process wake the readers at once; events from another process (the command side, a
     * second instance) are seen only by polling, and Axon's default second was most of a processor's lag.
     * An idle poll is {@code _id} lookups of the next positions, which find nothing.
     */
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                         @Value("${ledger.event-store.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * Personal data in events is encrypted per data subject (crypto-shredding). Both apps get it: the command side
     * encrypts and destroys keys, the query side decrypts for its views.
     */
    @Bean
    public PersonalDataVault personalDataVault(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new MongoPersonalDataVault(database, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public TokenStore tokenStore(MongoDatabase database, Serializer serializer, LedgerMongoProperties properties) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(serializer)
                .claimTimeout(properties.tokenClaimTimeout())
                .nodeId(properties.nodeId())
                .build();
    }
}
