package io.refundledger.query.balance;

import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code account-balances} processor retries a failed batch instead of skipping it: a skipped credit
 * would be money missing from a customer's balance for good.
 */
@Configuration(proxyBeanMethods = false)
public class AccountBalanceProcessingConfiguration {

    @Bean
    public ConfigurerModule accountBalancesFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                AccountBalanceProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule accountBalancesWriteInBatches(AccountBalanceProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(AccountBalanceProjection.PROCESSING_GROUP, AccountBalanceStore.FLUSH_ORDER,
                projection::readAhead);
    }
}
