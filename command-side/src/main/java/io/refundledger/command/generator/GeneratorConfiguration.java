package io.refundledger.command.generator;

import io.refundledger.command.notification.LoggingNotificationPort;
import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.command.refund.RefundPolicy;
import io.refundledger.command.sla.SlaEscalator;
import io.refundledger.command.subscription.process.CancellationProcessRunner;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The command side as a data generator (profile {@value #PROFILE}): the whole application with a
 * {@link SimulatedClock} in place of the system clock, which on start-up writes a history of
 * {@code generate.days} days up to now through the real command handlers, prints a summary and exits (code 1 if any
 * command failed). It serves no one meanwhile: the web server listens on a free loopback port only.
 *
 * <pre>
 * java -jar command-side/target/command-side-*-exec.jar --spring.profiles.active=generate \
 *      --generate.applications=2000 --generate.subscriptions=200 --generate.seed=42 --generate.days=90
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@Profile(GeneratorConfiguration.PROFILE)
@EnableConfigurationProperties(GeneratorProperties.class)
public class GeneratorConfiguration {

    public static final String PROFILE = "generate";
    private static final Logger log = LoggerFactory.getLogger(GeneratorConfiguration.class);

    /** Primary: every aggregate, the number issuer and the event store take this one instead of the system clock. */
    @Bean
    @Primary
    public SimulatedClock simulatedClock(GeneratorProperties properties) {
        return new SimulatedClock(properties.start() != null ? properties.start()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(properties.days())));
    }

    @Bean
    public ProcessorCatchUp generatorProcessorCatchUp(EventProcessingConfiguration processing, EventStore eventStore) {
        return new ProcessorCatchUp(processing, eventStore);
    }

    @Bean
    public HistoryGenerator historyGenerator(CommandGateway commands, ApplicationNumberIssuer numbers, SimulatedClock clock,
                                             RefundPolicy policy, ZoneId businessZone, SlaEscalator escalator,
                                             CancellationProcessRunner cancellations,
                                             ProcessorCatchUp generatorProcessorCatchUp) {
        return new HistoryGenerator(commands, numbers, clock, policy, businessZone, escalator, cancellations,
                generatorProcessorCatchUp, new SubscriptionCases(businessZone));
    }

    /** Nobody is meant to call the generating instance; keep it off the configured port and off the network. */
    @Bean
    public WebServerFactoryCustomizer<ConfigurableWebServerFactory> generatorListensOnLoopbackOnly() {
        return factory -> {
            factory.setPort(0);
            factory.setAddress(InetAddress.getLoopbackAddress());
        };
    }

    @Bean
    @ConditionalOnProperty(name = "generate.run-on-startup", havingValue = "true", matchIfMissing = true)
    public ApplicationRunner generateOnStartup(HistoryGenerator generator, SimulatedClock clock,
                                               GeneratorProperties properties, ConfigurableApplicationContext context) {
        return args -> {
            // Thousands of generated notifications would bury the summary; the outbox still records each one.
            LoggingSystem.get(getClass().getClassLoader())
                    .setLogLevel(LoggingNotificationPort.class.getName(), LogLevel.WARN);
            Instant from = clock.instant();
            GenerationPlan plan = new GenerationPlan(properties.applications(), properties.subscriptions(),
                    properties.seed(), from, from.plus(Duration.ofDays(properties.days())), properties.escalationSweep());
            log.info("Generating {} refund applications and {} subscriptions over {} days (seed {})",
                    plan.applications(), plan.subscriptions(), properties.days(), plan.seed());
            GenerationReport report = generator.generate(plan);
            System.out.println(report.summary());
            if (properties.exitWhenDone()) {
                int code = report.failures().isEmpty() ? 0 : 1;
                System.exit(SpringApplication.exit(context, () -> code));
            }
        };
    }
}
