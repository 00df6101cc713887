package io.refundledger.query.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer's account balance over HTTP, through the real event store and the single-segment balance processor. */
class AccountBalanceApiTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private AccountBalanceStore store;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void customer_service_sees_a_refund_credited_to_the_account_balance() throws Exception {
        String customerId = "customer-" + newApplicationId();
        String id = newApplicationId();
        String number = newApplicationNumber();
        Money amount = Money.of("88.80", "CNY");
        publish(AGGREGATE_TYPE, id, 0, submitted(id, number, customerId, "order-" + id, RefundType.REFUND_ONLY, amount, amount,
                PayoutMethod.ACCOUNT_BALANCE, T0));
        long paid = publish(AGGREGATE_TYPE, id, 1, payoutSucceeded(id, "p-1", amount, PayoutMethod.ACCOUNT_BALANCE, T0.plusSeconds(60)));
        await().until(() -> store.find(customerId).map(AccountBalanceView::lastAppliedPosition).orElse(0L) >= paid);

        ResponseEntity<String> response = as("agent").getForEntity("/api/customers/{id}/balance", String.class, customerId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(response.getBody());
        assertThat(view.path("balances").toString()).isEqualTo("[{\"amount\":\"88.80\",\"currency\":\"CNY\"}]");
        assertThat(view.path("credits").get(0).path("applicationNumber").asText()).isEqualTo(number);
        assertThat(view.path("credits").get(0).path("payoutId").asText()).isEqualTo("p-1");
        assertThat(view.path("credits").get(0).path("creditedAt").asText()).isEqualTo("2026-11-23T02:16:00Z");
    }

    @Test
    void a_customer_never_credited_is_a_404_problem() throws Exception {
        ResponseEntity<String> response = as("finance").getForEntity("/api/customers/{id}/balance", String.class, "C-none");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(response.getBody()).path("code").asText()).isEqualTo("ACCOUNT_BALANCE_NOT_FOUND");
    }
}
