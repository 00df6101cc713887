package io.refundledger.query.rebuild;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.common.HeapAfterCollections;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;

/**
 * Generations of the read models (blue/green rebuilds): the stores' database and the processors' token store resolve
 * names through {@link ReadModelGenerations}, and every read-model processor pins the generation it writes.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelGenerationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerationsConfiguration.class);

    @Bean
    public ReadModelOwners readModelOwners() {
        return ReadModelOwners.ofTheQuerySide();
    }

    @Bean
    public ReadModelGenerations readModelGenerations(ReadModelOwners owners) {
        return new ReadModelGenerations(owners);
    }

    @Bean
    public GenerationRecords generationRecords(MongoDatabase database) {
        return new GenerationRecords(database);
    }

    /**
     * Wraps the database and the token store as they are created, before any store or processor gets them. The
     * generations in force are read from the raw database right then, so the stores' start-up work (indexes) and the
     * processors' first claims already go to the active generation.
     */
    @Bean
    static BeanPostProcessor generationalStorage(ObjectProvider<ReadModelGenerations> generations,
                                                 ObjectProvider<CarriedBatches> carried) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof MongoDatabase database && !Proxy.isProxyClass(bean.getClass())) {
                    ReadModelGenerations current = generations.getObject();
                    load(database, current);
                    return GenerationalDatabase.wrap(database, () -> current);
                }
                if (bean instanceof TokenStore tokens && CarriedBatches.unwrap(tokens) == tokens
                        && !(bean instanceof GenerationalTokenStore)) {
                    return carried.getObject().around(new GenerationalTokenStore(tokens, generations.getObject()));
                }
                return bean;
            }
        };
    }

    /**
     * Batches carried between units of work while a processor is far behind the head (a catch-up, a replay, a rebuild):
     * at most {@code carry-events} events each, written at once within {@code carry-near-head} positions of the head;
     * meanwhile the segment's claim is extended every third of the claim timeout. Nothing is carried while more than
     * {@code carry-heap-limit} of the largest heap is still in use after a garbage collection.
     */
    @Bean
    public CarriedBatches carriedBatches(ObjectProvider<EventStore> eventStore, ReadModelGenerations generations,
                                         @Value("${ledger.read-models.carry-events:10000}") int maxEvents,
                                         @Value("${ledger.read-models.carry-near-head:5000}") long nearHead,
                                         @Value("${ledger.mongodb.token-claim-timeout:10s}") Duration claimTimeout,
                                         ObjectProvider<Clock> clock, HeapAfterCollections heap) {
        return new CarriedBatches(maxEvents, nearHead, () -> {
            TrackingToken head = eventStore.getObject().createHeadToken();
            return head == null ? 0 : head.position().orElse(0);
        }, generations, clock.getIfAvailable(Clock::systemUTC), claimTimeout.dividedBy(3), heap);
    }

    @Bean(destroyMethod = "close")
    public HeapAfterCollections heapAfterCollections(@Value("${ledger.read-models.carry-heap-limit:0.6}") double share) {
        return new HeapAfterCollections(share);
    }

    /** So that every read-model processor's batch interceptor finds them ({@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule carriedBatchesComponent(CarriedBatches carried) {
        return configurer -> configurer.registerComponent(CarriedBatches.class, c -> carried);
    }

    private static void load(MongoDatabase database, ReadModelGenerations generations) {
        try {
            new GenerationRecords(database).all().forEach((owner, record) -> {
                generations.activate(owner, record.active());
                generations.process(owner, record.active());
            });
        } catch (RuntimeException e) {
            // The refresh corrects it within a second, restarting any processor on the wrong generation.
            log.warn("Could not read the read models' generations at start-up ({}); assuming generation 0 until the "
                    + "database answers", e.toString());
        }
    }

    /** Outermost on every read-model processor, so the read-ahead and the flush of a batch run under the pin too. */
    @Bean
    public ConfigurerModule generationPinning(ReadModelGenerations generations) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                for (String owner : generations.owners().owners()) {
                    configurer.eventProcessing().registerHandlerInterceptor(owner,
                            c -> GenerationPinningInterceptor.live(generations, owner));
                }
            }

            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }
        };
    }
}
