package io.refundledger.query.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.refund.RefundProgressView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finance's lists over HTTP, as finance reads them. Other tests share the database, so ids are checked, not counts. */
class FinanceRefundApiTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    @Autowired
    private RefundProgressStore store;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void finance_lists_approved_unpaid_and_failed_payouts_with_what_it_needs_to_act() throws Exception {
        String approvedOne = newApplicationId();
        String failedOne = newApplicationId();
        publish(AGGREGATE_TYPE, approvedOne, 0, submitted(approvedOne, newApplicationNumber(), "customer-1", "order-1", T0));
        long approval = publish(AGGREGATE_TYPE, approvedOne, 1, approved(approvedOne, "1200", T0.plusSeconds(60)),
                by("reviewer", "REVIEWER"));
        publish(AGGREGATE_TYPE, failedOne, 0, submitted(failedOne, newApplicationNumber(), "customer-2", "order-2", T0));
        publish(AGGREGATE_TYPE, failedOne, 1, approved(failedOne, "1200", T0.plusSeconds(60)));
        publish(AGGREGATE_TYPE, failedOne, 2, payoutStarted(failedOne, "p-1", Money.of("1200", "CNY"),
                PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(120)));
        long failure = publish(AGGREGATE_TYPE, failedOne, 3, payoutFailed(failedOne, "p-1", "Account frozen", T0.plusSeconds(180)));
        awaitApplied(approvedOne, approval);
        awaitApplied(failedOne, failure);

        JsonNode approvedList = list("/api/finance/refunds?status=APPROVED&limit=200");
        assertThat(approvedList.path("status").asText()).isEqualTo("APPROVED");
        assertThat(ids(approvedList)).contains(approvedOne).doesNotContain(failedOne);

        JsonNode failedList = list("/api/finance/refunds?status=PAYOUT_FAILED&limit=200");
        assertThat(ids(failedList)).contains(failedOne).doesNotContain(approvedOne);
        JsonNode failed = itemFor(failedList, failedOne);
        assertThat(failed.path("lastFailureReason").asText()).isEqualTo("Account frozen");
        assertThat(failed.path("payoutAttempts").asInt()).isEqualTo(1);
        assertThat(failed.path("amountToRefund").toString()).isEqualTo("{\"amount\":\"1200.00\",\"currency\":\"CNY\"}");
        assertThat(failed.path("inCurrentStepSince").asText()).isEqualTo("2026-11-23T02:18:00Z");
    }

    @Test
    void an_unknown_status_is_a_400_problem_naming_the_field() throws Exception {
        assertProblem("/api/finance/refunds?status=SHIPPED", "INVALID_PARAMETER", "status");
    }

    @Test
    void a_page_out_of_bounds_or_not_a_number_is_a_400_problem_naming_the_field() throws Exception {
        assertProblem("/api/finance/refunds?status=APPROVED&limit=0", "INVALID_PARAMETER", "limit");
        assertProblem("/api/finance/refunds?status=APPROVED&limit=500", "INVALID_PARAMETER", "limit");
        assertProblem("/api/finance/refunds?status=APPROVED&offset=-1", "INVALID_PARAMETER", "offset");
        assertProblem("/api/finance/refunds?status=APPROVED&limit=ten", "INVALID_PARAMETER", "limit");
    }

    @Test
    void finance_lists_are_for_finance_and_oversight_not_for_case_work() {
        assertThat(as("agent").getForEntity("/api/finance/refunds", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("auditor").getForEntity("/api/finance/refunds", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void the_lists_are_described_in_the_api_documentation() throws Exception {
        JsonNode docs = json.readTree(anonymous.getForEntity("/v3/api-docs", String.class).getBody());
        JsonNode parameters = docs.path("paths").path("/api/finance/refunds").path("get").path("parameters");
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactly("status", "limit", "offset");
        assertThat(parameters.get(0).path("description").asText()).isNotBlank();
        assertThat(docs.path("paths").has("/api/orders/{orderId}/refunds")).isTrue();
        assertThat(docs.path("paths").has("/api/customers/{customerId}/balance")).isTrue();
    }

    private JsonNode list(String uri) throws Exception {
        ResponseEntity<String> response = as("finance").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private void assertProblem(String uri, String code, String field) throws Exception {
        ResponseEntity<String> response = as("finance").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("code").asText()).as(uri).isEqualTo(code);
        assertThat(problem.path("field").asText()).as(uri).isEqualTo(field);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("applicationId").asText()));
        return ids;
    }

    private static JsonNode itemFor(JsonNode list, String applicationId) {
        for (JsonNode item : list.path("items")) {
            if (item.path("applicationId").asText().equals(applicationId)) {
                return item;
            }
        }
        throw new AssertionError(applicationId + " not on the list");
    }

    private void awaitApplied(String applicationId, long position) {
        await().until(() -> store.findById(applicationId).map(RefundProgressView::lastAppliedPosition).orElse(0L) >= position);
    }
}
