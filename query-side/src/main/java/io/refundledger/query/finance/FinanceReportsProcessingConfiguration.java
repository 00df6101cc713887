package io.refundledger.query.finance;

import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.common.ReadModelBatchInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code finance-reports} processor retries a failed batch instead of skipping it (see the refund-progress one). */
@Configuration(proxyBeanMethods = false)
public class FinanceReportsProcessingConfiguration {

    @Bean
    public ConfigurerModule financeReportsFailLoudly() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                FinanceReportsProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** A claim of the segment may follow another instance's writes: the month cells are checked again before going on. */
    @Bean
    public SmartInitializingSingleton financeReportsCheckMonthsOnClaim(CarriedBatches carried, FinanceReportsStore store) {
        return () -> carried.onClaim(FinanceReportsProjection.PROCESSING_GROUP, store::checkMonthsAgain);
    }

    /** Each batch of events is written at its end, one bulk per collection (see {@link ReadModelBatchInterceptor}). */
    @Bean
    public ConfigurerModule financeReportsWriteInBatches(FinanceReportsProjection projection) {
        return ReadModelBatchInterceptor.forProcessingGroup(FinanceReportsProjection.PROCESSING_GROUP, FinanceReportsStore.FLUSH_ORDER,
                projection::readAhead);
    }
}
