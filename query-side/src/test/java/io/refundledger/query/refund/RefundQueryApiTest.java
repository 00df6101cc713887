package io.refundledger.query.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: events go into the real event store, the pooled {@code refund-progress} processor applies them,
 * and the answers come back over HTTP as a client sees them.
 */
class RefundQueryApiTest extends QuerySideIntegrationTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private RefundProgressStore store;

    private final ObjectMapper json = new ObjectMapper();
    private final String customerId = "customer-" + newApplicationId();
    /** Customer service looks up applications when customers call. */
    private TestRestTemplate http;

    @BeforeEach
    void signIn() {
        http = as("agent");
    }

    @Test
    void an_application_is_served_by_id_and_by_number_with_money_as_strings_and_iso_timestamps() throws Exception {
        String applicationId = newApplicationId();
        String applicationNumber = newApplicationNumber();
        publish(AGGREGATE_TYPE, applicationId, 0, submitted(applicationId, applicationNumber, customerId, "order-A", SUBMITTED_AT));
        long approvedAt = publish(AGGREGATE_TYPE, applicationId, 1, approved(applicationId, "1150", SUBMITTED_AT.plusSeconds(3600)));
        awaitApplied(applicationId, approvedAt);

        ResponseEntity<String> byId = http.getForEntity("/api/refunds/{id}", String.class, applicationId);

        assertThat(byId.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json.readTree(byId.getBody());
        assertThat(view.path("applicationId").asText()).isEqualTo(applicationId);
        assertThat(view.path("applicationNumber").asText()).isEqualTo(applicationNumber);
        assertThat(view.path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("requestedAmount").toString()).isEqualTo("{\"amount\":\"1200.00\",\"currency\":\"CNY\"}");
        assertThat(view.path("approvedAmount").toString()).isEqualTo("{\"amount\":\"1150.00\",\"currency\":\"CNY\"}");
        assertThat(view.path("submittedAt").asText()).isEqualTo("2026-11-23T02:15:00Z");
        assertThat(view.path("decidedAt").asText()).isEqualTo("2026-11-23T03:15:00Z");
        assertThat(view.path("timeline").findValuesAsText("step")).containsExactly("SUBMITTED", "APPROVED");
        assertThat(view.path("lastAppliedPosition").asLong()).isEqualTo(approvedAt);

        ResponseEntity<String> byNumber = http.getForEntity("/api/refunds/{number}", String.class, applicationNumber);
        assertThat(byNumber.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(byNumber.getBody())).isEqualTo(view);
    }

    @Test
    void applications_are_listed_by_order_by_customer_and_by_both_newest_first() throws Exception {
        String first = newApplicationId();
        String second = newApplicationId();
        String onOtherOrder = newApplicationId();
        String orderA = "order-" + newApplicationId();
        String orderB = "order-" + newApplicationId();
        publish(AGGREGATE_TYPE, first, 0, submitted(first, newApplicationNumber(), customerId, orderA, SUBMITTED_AT));
        publish(AGGREGATE_TYPE, onOtherOrder, 0, submitted(onOtherOrder, newApplicationNumber(), customerId, orderB, SUBMITTED_AT.plusSeconds(60)));
        publish(AGGREGATE_TYPE, second, 0, submitted(second, newApplicationNumber(), customerId, orderA, SUBMITTED_AT.plusSeconds(120)));
        long last = publish(AGGREGATE_TYPE, first, 1, rejected(first, SUBMITTED_AT.plusSeconds(600)));
        awaitApplied(first, last);
        awaitApplied(second, last - 1);

        assertThat(listed("/api/refunds?orderId={o}", orderA)).containsExactly(second, first);
        assertThat(listed("/api/refunds?customerId={c}", customerId)).containsExactly(second, onOtherOrder, first);
        assertThat(listed("/api/refunds?orderId={o}&customerId={c}", orderB, customerId)).containsExactly(onOtherOrder);
        assertThat(listed("/api/refunds?orderId={o}&customerId={c}", orderB, "someone-else")).isEmpty();
    }

    @Test
    void an_unknown_application_is_a_404_problem_with_a_stable_code() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/api/refunds/{id}", String.class, "RF-20261123-999999");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(response.getBody()).path("code").asText()).isEqualTo("REFUND_APPLICATION_NOT_FOUND");
    }

    @Test
    void listing_without_an_order_or_a_customer_is_a_400_problem_naming_the_parameter() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/api/refunds", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("code").asText()).isEqualTo("MISSING_PARAMETER");
        assertThat(problem.path("field").asText()).isEqualTo("orderId");
    }

    @Test
    void the_api_is_described_and_the_service_reports_itself_healthy() throws Exception {
        // Both open to anyone: no credentials (health details need them).
        ResponseEntity<String> apiDocs = anonymous.getForEntity("/v3/api-docs", String.class);
        assertThat(apiDocs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(apiDocs.getBody()).path("paths").has("/api/refunds/{idOrNumber}")).isTrue();

        ResponseEntity<String> health = anonymous.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode status = json.readTree(health.getBody());
        assertThat(status.path("status").asText()).isEqualTo("UP");
        assertThat(status.has("components")).as("details are for signed-in staff only").isFalse();

        JsonNode detailed = json.readTree(as("admin").getForEntity("/actuator/health", String.class).getBody());
        assertThat(detailed.path("components").path("mongo").path("status").asText()).isEqualTo("UP");
    }

    private void awaitApplied(String applicationId, long position) {
        await().until(() -> store.findById(applicationId).map(RefundProgressView::lastAppliedPosition).orElse(0L) >= position);
    }

    private List<String> listed(String uri, Object... parameters) throws Exception {
        ResponseEntity<String> response = http.getForEntity(uri, String.class, parameters);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        json.readTree(response.getBody()).forEach(view -> ids.add(view.path("applicationId").asText()));
        return ids;
    }
}
