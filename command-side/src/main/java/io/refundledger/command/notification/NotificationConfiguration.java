package io.refundledger.command.notification;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/**
 * Customer notifications: the {@code customer-notifications} processor fills the outbox (mode, segments and
 * threads in {@code application.yml}); a scheduled dispatcher delivers from it through the {@link NotificationPort},
 * which writes to the log unless {@code ledger.notifications.smtp.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    public NotificationOutbox notificationOutbox(MongoDatabase database) {
        return new NotificationOutbox(database);
    }

    @Bean
    public ApplicationFacts notificationApplicationFacts(MongoDatabase database) {
        return new ApplicationFacts(database);
    }

    @Bean
    public NotificationTemplates notificationTemplates() {
        return NotificationTemplates.fromClasspath();
    }

    /** Replace with a bean asking the CRM's customer records before sending real messages. */
    @Bean
    @ConditionalOnMissingBean(RecipientDirectory.class)
    public RecipientDirectory recipientDirectory(NotificationProperties properties) {
        return new ConfiguredRecipientDirectory(properties.recipients().contacts(),
                properties.recipients().derivedEmailDomain(), properties.defaultLocale());
    }

    @Bean
    public CustomerNotificationProjection customerNotificationProjection(NotificationOutbox outbox, ApplicationFacts facts,
                                                                         NotificationTemplates templates,
                                                                         RecipientDirectory recipients, Clock clock) {
        return new CustomerNotificationProjection(outbox, facts, templates, recipients, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.notifications.smtp.enabled", havingValue = "true")
    public NotificationPort smtpNotificationPort(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("ledger.notifications.smtp.enabled=true needs spring.mail.host");
        }
        return new SmtpNotificationPort(sender, properties.smtp().from());
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.notifications.smtp.enabled", havingValue = "false", matchIfMissing = true)
    public NotificationPort loggingNotificationPort() {
        return new LoggingNotificationPort();
    }

    @Bean
    public NotificationDispatcher notificationDispatcher(NotificationOutbox outbox, NotificationPort port,
                                                         RecipientDirectory recipients, Clock clock,
                                                         NotificationProperties properties) {
        return new NotificationDispatcher(outbox, port, recipients, clock, properties.dispatch());
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.notifications.dispatch.enabled", havingValue = "true", matchIfMissing = true)
    public DispatchSchedule notificationDispatchSchedule(NotificationDispatcher dispatcher) {
        return new DispatchSchedule(dispatcher);
    }

    /**
     * Axon's default logs a handler failure and moves on, which would lose a customer's notification for good
     * when MongoDB hiccups. Failing the batch makes the processor retry it; the projection is idempotent.
     */
    @Bean
    public ConfigurerModule customerNotificationsFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                CustomerNotificationProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Runs the dispatcher every {@code ledger.notifications.dispatch.interval}. */
    public static class DispatchSchedule {

        private final NotificationDispatcher dispatcher;

        DispatchSchedule(NotificationDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${ledger.notifications.dispatch.interval:PT10S}")
        public void run() {
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                // A scheduled task that throws is logged by Spring and simply runs again; say what it was about.
                log.warn("Notification dispatch run failed; retrying next run", e);
            }
        }
    }
}
