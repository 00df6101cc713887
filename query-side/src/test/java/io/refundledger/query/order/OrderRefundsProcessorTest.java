package io.refundledger.query.order;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.balance.AccountBalanceProjection;
import io.refundledger.query.balance.AccountBalanceStore;
import io.refundledger.query.balance.AccountBalanceView;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.LEDGER_AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.reserved;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The single-writer processors behind the order summaries and account balances, run by Axon against the real
 * event store and token store: one segment each, and a reset replays the store into the same documents.
 */
class OrderRefundsProcessorTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private OrderRefundsStore orders;
    @Autowired
    private AccountBalanceStore balances;

    @AfterEach
    void leaveTheProcessorsRunningForTheNextTest() {
        for (String name : new String[]{OrderRefundsProjection.PROCESSING_GROUP, AccountBalanceProjection.PROCESSING_GROUP}) {
            if (!processor(name).isRunning()) {
                processor(name).start();
            }
        }
    }

    @Test
    void order_summaries_and_balances_each_have_one_writer_and_a_reset_rebuilds_them_identically() {
        String orderId = "SO-" + newApplicationId();
        String customerId = "customer-" + newApplicationId();
        String id = newApplicationId();
        Money paid = Money.of("250", "CNY");
        publish(AGGREGATE_TYPE, id, 0, submitted(id, newApplicationNumber(), customerId, orderId, RefundType.REFUND_ONLY,
                paid, paid, PayoutMethod.ACCOUNT_BALANCE, T0));
        publish(LEDGER_AGGREGATE_TYPE, orderId, 0, reserved(orderId, id, paid, paid, paid, T0.plusSeconds(60)));
        publish(AGGREGATE_TYPE, id, 1, approved(id, paid, T0.plusSeconds(60)));
        long last = publish(AGGREGATE_TYPE, id, 2, payoutSucceeded(id, "p-1", paid, PayoutMethod.ACCOUNT_BALANCE, T0.plusSeconds(90)));
        await().until(() -> orders.find(orderId).map(OrderRefundsView::lastAppliedPosition).orElse(0L) >= last
                && balances.find(customerId).map(AccountBalanceView::lastAppliedPosition).orElse(0L) >= last);
        OrderRefundsView order = orders.find(orderId).orElseThrow();
        AccountBalanceView balance = balances.find(customerId).orElseThrow();

        assertThat(processor(OrderRefundsProjection.PROCESSING_GROUP).processingStatus()).hasSize(1);
        assertThat(processor(AccountBalanceProjection.PROCESSING_GROUP).processingStatus()).hasSize(1);

        for (String name : new String[]{OrderRefundsProjection.PROCESSING_GROUP, AccountBalanceProjection.PROCESSING_GROUP}) {
            processor(name).shutDown();
            processor(name).resetTokens();
        }
        assertThat(orders.find(orderId)).as("the reset handler empties the summaries").isEmpty();
        assertThat(balances.find(customerId)).as("the reset handler empties the balances").isEmpty();
        processor(OrderRefundsProjection.PROCESSING_GROUP).start();
        processor(AccountBalanceProjection.PROCESSING_GROUP).start();

        await().until(() -> orders.find(orderId).filter(order::equals).isPresent()
                && balances.find(customerId).filter(balance::equals).isPresent());
        assertThat(balances.find(customerId).orElseThrow().credits()).as("credited once after the replay").hasSize(1);
    }

    private PooledStreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow();
    }
}
