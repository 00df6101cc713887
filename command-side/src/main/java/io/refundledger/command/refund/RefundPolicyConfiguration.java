package io.refundledger.command.refund;

import io.refundledger.command.common.PolicyVersionInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.InitializingBean;
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

    /** On the bus, like the origin interceptor, so every refund command names the refund policy in force. */
    @Bean
    public InitializingBean policyVersionOnEveryCommand(CommandBus commandBus, RefundPolicy refundPolicy) {
        return () -> commandBus.registerDispatchInterceptor(
                new PolicyVersionInterceptor(refundPolicy.version(), RefundApplication.class.getPackageName()));
    }
}
