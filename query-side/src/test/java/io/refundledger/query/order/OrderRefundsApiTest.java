package io.refundledger.query.order;

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
import static io.refundledger.query.refund.RefundEvents.LEDGER_AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.reserved;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An order's refunds over HTTP, through the real event store and the single-segment order processor. */
class OrderRefundsApiTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private OrderRefundsStore store;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_reviewer_sees_how_much_of_the_order_is_refunded_and_each_application() throws Exception {
        String orderId = "SO-" + newApplicationId();
        String first = newApplicationId();
        String second = newApplicationId();
        Money paid = Money.of("1000", "CNY");
        publish(AGGREGATE_TYPE, first, 0, submitted(first, newApplicationNumber(), "customer-1", orderId, RefundType.REFUND_ONLY,
                paid, Money.of("600", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0));
        publish(AGGREGATE_TYPE, second, 0, submitted(second, newApplicationNumber(), "customer-1", orderId, RefundType.REFUND_ONLY,
                paid, Money.of("300", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0));
        publish(LEDGER_AGGREGATE_TYPE, orderId, 0, reserved(orderId, first, Money.of("500", "CNY"), paid, Money.of("500", "CNY"),
                T0.plusSeconds(60)));
        long last = publish(AGGREGATE_TYPE, first, 1, approved(first, "500", T0.plusSeconds(60)));
        await().until(() -> store.find(orderId).map(OrderRefundsView::lastAppliedPosition).orElse(0L) >= last);

        ResponseEntity<String> response = as("reviewer").getForEntity("/api/orders/{id}/refunds", String.class, orderId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(response.getBody());
        assertThat(view.path("orderId").asText()).isEqualTo(orderId);
        assertThat(view.path("totals").toString()).isEqualTo("[{\"currency\":\"CNY\","
                + "\"paid\":{\"amount\":\"1000.00\",\"currency\":\"CNY\"},"
                + "\"requested\":{\"amount\":\"900.00\",\"currency\":\"CNY\"},"
                + "\"approved\":{\"amount\":\"500.00\",\"currency\":\"CNY\"},"
                + "\"reserved\":{\"amount\":\"500.00\",\"currency\":\"CNY\"},"
                + "\"paidOut\":{\"amount\":\"0.00\",\"currency\":\"CNY\"},"
                + "\"stillRefundable\":{\"amount\":\"500.00\",\"currency\":\"CNY\"}}]");
        assertThat(view.path("applications").findValuesAsText("status")).containsExactly("APPROVED", "SUBMITTED");
    }

    @Test
    void an_order_without_refund_applications_is_a_404_problem() throws Exception {
        ResponseEntity<String> response = as("agent").getForEntity("/api/orders/{id}/refunds", String.class, "SO-none");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(response.getBody()).path("code").asText()).isEqualTo("ORDER_REFUNDS_NOT_FOUND");
    }
}
