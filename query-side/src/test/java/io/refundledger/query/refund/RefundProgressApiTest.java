package io.refundledger.query.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The extended progress view as a client reads it over HTTP: the policy evaluation with its deductions, who
 * holds the application, what is next and by when, the steps with their actors.
 */
class RefundProgressApiTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private RefundProgressStore store;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_customer_service_agent_sees_why_the_amount_is_less_than_paid_who_holds_it_and_what_is_next() throws Exception {
        String id = newApplicationId();
        String number = newApplicationNumber();
        Money paid = Money.of("1299.00", "CNY");
        publish(AGGREGATE_TYPE, id, 0, submitted(id, number, "customer-1", "order-1", RefundType.REFUND_ONLY, paid, paid,
                PayoutMethod.ORIGINAL_PAYMENT, T0), by("agent", "CUSTOMER_SERVICE"));
        publish(AGGREGATE_TYPE, id, 1, evaluated(id, Money.of("1199.00", "CNY"), false, T0.plusSeconds(172800), T0),
                by("agent", "CUSTOMER_SERVICE"));
        publish(AGGREGATE_TYPE, id, 2, assigned(id, "reviewer", null, T0.plusSeconds(60)), by("admin", "ADMIN"));
        long asked = publish(AGGREGATE_TYPE, id, 3, informationRequested(id, "Invoice please", T0.plusSeconds(3600)),
                by("reviewer", "REVIEWER"));
        awaitApplied(id, asked);

        JsonNode view = get(id);
        assertThat(view.path("status").asText()).isEqualTo("AWAITING_INFORMATION");
        assertThat(view.path("currentOwner").toString()).isEqualTo("{\"role\":\"CUSTOMER\",\"id\":\"customer-1\"}");
        assertThat(view.path("nextStep").path("action").asText()).isEqualTo("CUSTOMER_ANSWER");
        assertThat(view.path("inCurrentStepSince").asText()).isEqualTo("2026-11-23T03:15:00Z");
        assertThat(view.path("policyEvaluation").path("eligibleAmount").toString())
                .isEqualTo("{\"amount\":\"1199.00\",\"currency\":\"CNY\"}");
        assertThat(view.path("policyEvaluation").path("deductions").get(0).path("explanation").asText())
                .isEqualTo("Discount received with the purchase");
        assertThat(view.path("informationRequests").get(0).path("question").asText()).isEqualTo("Invoice please");

        publish(AGGREGATE_TYPE, id, 4, informationProvided(id, "Attached", List.of("inv-1"), T0.plusSeconds(7200)),
                by("agent", "CUSTOMER_SERVICE"));
        long approval = publish(AGGREGATE_TYPE, id, 5, approved(id, "1199", T0.plusSeconds(9000)), by("reviewer", "REVIEWER"));
        awaitApplied(id, approval);

        view = get(number);
        assertThat(view.path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("currentOwner").path("role").asText()).isEqualTo("FINANCE");
        assertThat(view.path("nextStep").toString())
                .isEqualTo("{\"action\":\"PAYOUT\",\"dueBy\":\"2026-11-26T04:45:00Z\"}");
        assertThat(view.path("timeline").findValuesAsText("actor"))
                .containsExactly("agent", "agent", "admin", "reviewer", "agent", "reviewer");
    }

    @Test
    void an_unknown_application_is_a_404_problem_also_when_signed_in() throws Exception {
        ResponseEntity<String> response = as("auditor").getForEntity("/api/refunds/{id}", String.class, newApplicationId());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(response.getBody()).path("code").asText()).isEqualTo("REFUND_APPLICATION_NOT_FOUND");
    }

    private JsonNode get(String idOrNumber) throws Exception {
        ResponseEntity<String> response = as("agent").getForEntity("/api/refunds/{id}", String.class, idOrNumber);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private void awaitApplied(String applicationId, long position) {
        await().until(() -> store.findById(applicationId).map(RefundProgressView::lastAppliedPosition).orElse(0L) >= position);
    }
}
