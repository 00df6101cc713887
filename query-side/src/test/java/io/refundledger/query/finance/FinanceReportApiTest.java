package io.refundledger.query.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
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
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finance reports over HTTP as finance, auditors and admins read them. Other tests share the database, so this one
 * uses its own days (March 2031) and currency (CHF), and checks its own ids in the shared queue.
 */
class FinanceReportApiTest extends QuerySideIntegrationTest {

    /** 2031-03-10 10:00 in Shanghai. */
    private static final Instant T0 = Instant.parse("2031-03-10T02:00:00Z");
    private static final Money CHF_300 = Money.of("300.50", "CHF");
    private static final String DAY = "from=2031-03-10&to=2031-03-11";

    private final ObjectMapper json = new ObjectMapper();
    private static String unpaid;
    private static String paid;

    @BeforeEach
    void history() {
        if (paid != null) {
            return;
        }
        unpaid = newApplicationId();
        paid = newApplicationId();
        for (String id : List.of(unpaid, paid)) {
            publish(AGGREGATE_TYPE, id, 0, submitted(id, newApplicationNumber(), "customer-chf", "order-" + id,
                    RefundType.REFUND_ONLY, CHF_300, CHF_300, PayoutMethod.ORIGINAL_PAYMENT, T0), by("agent", "CUSTOMER_SERVICE"));
            publish(AGGREGATE_TYPE, id, 1, approved(id, CHF_300, T0.plusSeconds(60)), by("reviewer", "REVIEWER"));
        }
        publish(AGGREGATE_TYPE, unpaid, 2, payoutStarted(unpaid, "chf-p-1", CHF_300, PayoutMethod.ORIGINAL_PAYMENT, 1,
                T0.plusSeconds(120)), by("finance", "FINANCE"));
        publish(AGGREGATE_TYPE, unpaid, 3, payoutFailed(unpaid, "chf-p-1", "Bank rejected, \"account closed\"",
                T0.plusSeconds(180)), by("finance", "FINANCE"));
        publish(AGGREGATE_TYPE, paid, 2, payoutStarted(paid, "chf-p-2", CHF_300, PayoutMethod.THIRD_PARTY, 1,
                T0.plusSeconds(120)), by("finance", "FINANCE"));
        publish(AGGREGATE_TYPE, paid, 3, payoutSucceeded(paid, "chf-p-2", CHF_300, PayoutMethod.THIRD_PARTY,
                T0.plusSeconds(86_400)), by("finance", "FINANCE"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("finance", "/api/finance/reports/daily?" + DAY).path("totals").toString()).contains("\"paidOutCount\":1"));
    }

    @Test
    void theApprovedButUnpaidQueueHoldsWhatIsApprovedAndNotPaidWithItsAge() throws Exception {
        JsonNode queue = get("finance", "/api/finance/approved-unpaid?limit=1000");

        List<String> ids = new ArrayList<>();
        queue.path("items").forEach(item -> ids.add(item.path("applicationId").asText()));
        assertThat(ids).contains(unpaid).doesNotContain(paid);
        JsonNode mine = queue.path("items").get(ids.indexOf(unpaid));
        assertThat(mine.path("amountToRefund").path("amount").asText()).isEqualTo("300.50");
        assertThat(mine.path("lastPayoutStatus").asText()).isEqualTo("FAILED");
        assertThat(mine.path("payoutAttempts").asInt()).isEqualTo(1);
        Duration age = Duration.between(Instant.parse(mine.path("approvedAt").asText()), Instant.parse(queue.path("asOf").asText()));
        assertThat(mine.path("ageHours").asLong()).isEqualTo(age.toHours());
        assertThat(mine.path("ageSinceApproval").asText()).startsWith("PT");
    }

    @Test
    void payoutsByStatusMethodAndDayAndTheFailedOnesWithReasonAndAttempt() throws Exception {
        JsonNode all = get("auditor", "/api/finance/payouts?" + DAY);
        JsonNode failed = get("finance", "/api/finance/payouts?" + DAY + "&status=failed");
        JsonNode byMethod = get("admin", "/api/finance/payouts?" + DAY + "&method=THIRD_PARTY");

        assertThat(all.path("total").asInt()).isEqualTo(2);
        assertThat(all.path("groups")).hasSize(2);
        assertThat(failed.path("items")).singleElement().satisfies(line -> {
            assertThat(line.path("payoutId").asText()).isEqualTo("chf-p-1");
            assertThat(line.path("attempt").asInt()).isEqualTo(1);
            assertThat(line.path("failureReason").asText()).isEqualTo("Bank rejected, \"account closed\"");
        });
        assertThat(byMethod.path("items")).singleElement()
                .satisfies(line -> assertThat(line.path("status").asText()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void dailyAndMonthlyTotalsByCurrencyInTheBusinessZone() throws Exception {
        JsonNode daily = get("finance", "/api/finance/reports/daily?" + DAY);
        JsonNode monthly = get("finance", "/api/finance/reports/monthly?from=2031-03-01&to=2031-03-31");

        assertThat(daily.path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(daily.path("rows")).hasSize(2);
        JsonNode first = daily.path("rows").get(0);
        assertThat(first.path("period").asText()).isEqualTo("2031-03-10");
        assertThat(first.path("approvedCount").asLong()).isEqualTo(2);
        assertThat(first.path("approvedAmount").path("amount").asText()).isEqualTo("601.00");
        assertThat(first.path("failedAmount").path("amount").asText()).isEqualTo("300.50");
        assertThat(daily.path("rows").get(1).path("paidOutAmount").path("amount").asText()).isEqualTo("300.50");
        assertThat(monthly.path("rows")).singleElement().satisfies(row -> {
            assertThat(row.path("period").asText()).isEqualTo("2031-03");
            assertThat(row.path("currency").asText()).isEqualTo("CHF");
            assertThat(row.path("paidOutCount").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theReconciliationCsvHasAHeaderAndOneQuotedLinePerAttempt() {
        ResponseEntity<String> response = as("finance").getForEntity("/api/finance/payouts.csv?" + DAY, String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        String[] lines = response.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", PayoutsCsv.HEADER));
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("2031-03-10T10:02:00+08:00,2031-03-10T10:03:00+08:00,RF-").contains(unpaid + ",chf-p-1,1,ORIGINAL_PAYMENT,300.50,CHF,FAILED,,\"Bank rejected, \"\"account closed\"\"\"");
        assertThat(lines[2]).contains(paid + ",chf-p-2,1,THIRD_PARTY,300.50,CHF,SUCCEEDED,EXT-chf-p-2,");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/finance/payouts?from=2031-13-01, from",
            "/api/finance/payouts?to=yesterday, to",
            "/api/finance/payouts?from=2031-03-12&to=2031-03-10, from",
            "/api/finance/payouts?from=2030-01-01&to=2031-03-10, to",
            "/api/finance/payouts?status=LOST, status",
            "/api/finance/payouts?method=CASH, method",
            "/api/finance/payouts?limit=0, limit",
            "/api/finance/approved-unpaid?offset=-1, offset",
            "/api/finance/payouts.csv?from=2031-3-1, from",
            "/api/finance/reports/daily?from=2031-03-12&to=2031-03-10, from",
            "/api/finance/reports/monthly?from=2020-01-01&to=2031-03-10, to"})
    void badParametersGetAProblemNamingTheParameter(String path, String field) throws Exception {
        ResponseEntity<String> response = as("finance").getForEntity(path, String.class);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_PARAMETER");
        assertThat(problem.path("field").asText()).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/finance/approved-unpaid", "/api/finance/payouts", "/api/finance/payouts.csv",
            "/api/finance/reports/daily", "/api/finance/reports/monthly"})
    void financeAuditorsAndAdminsMayReadCaseWorkersMayNotAndStrangersMustSignIn(String path) {
        for (String user : List.of("finance", "auditor", "admin")) {
            assertThat(as(user).getForEntity(path, String.class).getStatusCode().value()).as(user).isEqualTo(200);
        }
        for (String user : List.of("agent", "reviewer")) {
            assertThat(as(user).getForEntity(path, String.class).getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(anonymous.getForEntity(path, String.class).getStatusCode().value()).isEqualTo(401);
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }
}
