package io.refundledger.command.refund;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/** Makes the configured {@link RefundPolicy} available to the refund aggregate's handlers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefundPolicyProperties.class)
public class RefundPolicyConfiguration {

    @Bean
    public RefundPolicy refundPolicy(RefundPolicyProperties properties, ZoneId businessZone) {
        return new RefundPolicy(properties.toSettings(businessZone));
    }
}
