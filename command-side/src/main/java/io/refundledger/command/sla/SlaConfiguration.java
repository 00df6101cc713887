package io.refundledger.command.sla;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;

/**
 * SLA deadlines: the {@code sla-deadlines} processor maintains them (mode, segments and threads in
 * {@code application.yml}); a scheduled escalator sends {@code EscalateRefundApplication} for overdue ones.
 * Everything it needs survives a restart in MongoDB: the processor's tokens, the deadlines and their due index.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(SlaProperties.class)
public class SlaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlaConfiguration.class);

    @Bean
    public SlaDeadlineStore slaDeadlineStore(MongoDatabase database) {
        return new SlaDeadlineStore(database);
    }

    /** The payout deadline is the refund policy's setting, shared with the domain, not a key of the SLA monitor's. */
    @Bean
    public SlaDeadlineProjection slaDeadlineProjection(SlaDeadlineStore store,
                                                       @Value("${ledger.refund-policy.payout-deadline:P3D}") Duration payoutDeadline) {
        return new SlaDeadlineProjection(store, payoutDeadline);
    }

    @Bean
    public SlaEscalator slaEscalator(SlaDeadlineStore store, CommandGateway commandGateway, Clock clock, SlaProperties properties) {
        return new SlaEscalator(store, commandGateway, clock, properties.escalation());
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.sla.escalation.enabled", havingValue = "true", matchIfMissing = true)
    public EscalationSchedule slaEscalationSchedule(SlaEscalator escalator) {
        return new EscalationSchedule(escalator);
    }

    /** As for the read models: a failing handler retries its batch instead of leaving a deadline out for good. */
    @Bean
    public ConfigurerModule slaDeadlinesFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                SlaDeadlineProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Runs the escalator every {@code ledger.sla.escalation.interval}. */
    public static class EscalationSchedule {

        private final SlaEscalator escalator;

        EscalationSchedule(SlaEscalator escalator) {
            this.escalator = escalator;
        }

        @Scheduled(fixedDelayString = "${ledger.sla.escalation.interval:PT1M}")
        public void run() {
            try {
                escalator.escalateOverdue();
            } catch (RuntimeException e) {
                log.warn("SLA escalation run failed; retrying next run", e);
            }
        }
    }
}
