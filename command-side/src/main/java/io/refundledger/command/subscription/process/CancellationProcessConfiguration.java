package io.refundledger.command.subscription.process;

import com.mongodb.client.MongoDatabase;
import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The cancellation process: the {@code subscription-cancellations} processor keeps each process's state in MongoDB
 * (mode, segments and threads in {@code application.yml}); a scheduled runner carries out the steps that are due.
 * Everything survives a restart: the processor's token, the states, their due index and the dispatch journal.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CancellationProcessProperties.class)
public class CancellationProcessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CancellationProcessConfiguration.class);

    @Bean
    public CancellationProcessStore cancellationProcessStore(MongoDatabase database, ZoneId businessZone) {
        return new CancellationProcessStore(database, businessZone);
    }

    @Bean
    public SubscriptionCancellationProcess subscriptionCancellationProcess(CancellationProcessStore store) {
        return new SubscriptionCancellationProcess(store);
    }

    /** The default exporter; replace it by declaring another {@link SubscriptionDataExporter} bean. */
    @Bean
    @ConditionalOnMissingBean(SubscriptionDataExporter.class)
    public SubscriptionDataExporter subscriptionDataExporter(EventStore eventStore, PersonalDataVault vault,
                                                             CancellationProcessProperties properties, Clock clock) {
        return new JsonFileSubscriptionDataExporter(eventStore, vault, properties.exportDirectory(), clock);
    }

    @Bean
    public TerminationConfirmationNumbers terminationConfirmationNumbers(Clock clock, ZoneId businessZone) {
        return new TerminationConfirmationNumbers(clock, businessZone);
    }

    @Bean
    public CancellationProcessRunner cancellationProcessRunner(CancellationProcessStore store, CommandGateway commandGateway,
                                                               EventStore eventStore, SubscriptionDataExporter exporter,
                                                               PersonalDataVault vault,
                                                               TerminationConfirmationNumbers confirmationNumbers,
                                                               ApplicationNumberIssuer applicationNumbers, Clock clock,
                                                               ZoneId businessZone,
                                                               CancellationProcessProperties properties) {
        return new CancellationProcessRunner(store, commandGateway, eventStore, exporter, vault, confirmationNumbers,
                applicationNumbers, clock, businessZone, properties.process());
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.subscriptions.process.enabled", havingValue = "true", matchIfMissing = true)
    public CancellationProcessSchedule cancellationProcessSchedule(CancellationProcessRunner runner) {
        return new CancellationProcessSchedule(runner);
    }

    /** As for the read models: a failing handler retries its batch instead of leaving a process behind for good. */
    @Bean
    public ConfigurerModule cancellationProcessFailsLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                SubscriptionCancellationProcess.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Runs the cancellation steps that are due every {@code ledger.subscriptions.process-interval}. */
    public static class CancellationProcessSchedule {

        private final CancellationProcessRunner runner;

        CancellationProcessSchedule(CancellationProcessRunner runner) {
            this.runner = runner;
        }

        @Scheduled(fixedDelayString = "${ledger.subscriptions.process-interval:PT5S}")
        public void run() {
            try {
                runner.runDue();
            } catch (RuntimeException e) {
                log.warn("Cancellation process run failed; retrying next run", e);
            }
        }
    }
}
