package io.refundledger.command.subscription;

import io.refundledger.command.common.PolicyVersionInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settlement policy the subscription aggregate settles cancellations under (injected into its handler). */
@Configuration(proxyBeanMethods = false)
public class SubscriptionConfiguration {

    @Bean
    public SettlementPolicy settlementPolicy() {
        return new SettlementPolicy();
    }

    /** Every subscription command (and so every subscription event) names the settlement policy in force. */
    @Bean
    public InitializingBean settlementPolicyVersionOnSubscriptionCommands(CommandBus commandBus,
                                                                         SettlementPolicy settlementPolicy) {
        return () -> commandBus.registerDispatchInterceptor(
                new PolicyVersionInterceptor(settlementPolicy.version(), Subscription.class.getPackageName()));
    }
}
