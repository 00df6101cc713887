package io.refundledger.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.analytics.cancellation.CancellationAnalyticsStore;
import io.refundledger.query.analytics.cancellation.CancellationTrack;
import io.refundledger.query.analytics.refund.RefundAnalyticsStore;
import io.refundledger.query.analytics.refund.RefundApplicationTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.refundledger.query.analytics.SubscriptionEvents.requested;
import static io.refundledger.query.analytics.SubscriptionEvents.started;
import static io.refundledger.query.analytics.SubscriptionEvents.terminated;
import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both analytics endpoints over HTTP, fed through the real event store and the single-segment processors. Each test
 * names its own product, so data of other tests in the shared database never shows.
 */
class AnalyticsApiTest extends QuerySideIntegrationTest {

    /** 2031-03-10 (a Monday) 10:00 in Shanghai. */
    private static final Instant T0 = Instant.parse("2031-03-10T02:00:00Z");
    private static final String REFUNDS = "/api/analytics/refund-reasons";
    private static final String CANCELLATIONS = "/api/analytics/cancellation-reasons";

    @Autowired
    private RefundAnalyticsStore refundStore;
    @Autowired
    private CancellationAnalyticsStore cancellationStore;

    private final ObjectMapper json = new ObjectMapper();

    private RefundApplicationSubmitted submitted(String id, RefundReasonCategory reason, String productId, Money requested,
                                                 Instant at) {
        return new RefundApplicationSubmitted(id, "RF-" + id.substring(0, 8), "C-1", "SO-" + id.substring(0, 8),
                RefundType.REFUND_ONLY, requested, requested, reason, "why", PayoutMethod.ORIGINAL_PAYMENT,
                at.minusSeconds(86_400), at, null, ProductUsage.NOT_STATED, null, null, null, productId, "SMB", null);
    }

    private void awaitRefundApplied(String applicationId, long position) {
        await().until(() -> refundStore.findApplication(applicationId).map(RefundApplicationTrack::lastAppliedPosition)
                .orElse(0L) >= position);
    }

    @Test
    void a_reviewer_sees_refunds_by_reason_with_weekly_trend_and_top_products() throws Exception {
        String product = "P-" + UUID.randomUUID();
        String quality = newApplicationId();
        String wrongItem = newApplicationId();
        Map<String, String> online = Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE");
        publish(AGGREGATE_TYPE, quality, 0, submitted(quality, RefundReasonCategory.PRODUCT_QUALITY, product,
                Money.of("1200", "CNY"), T0), online);
        publish(AGGREGATE_TYPE, wrongItem, 0, submitted(wrongItem, RefundReasonCategory.WRONG_ITEM, product,
                Money.of("300", "CNY"), T0.plusSeconds(7 * 86_400)), online);
        publish(AGGREGATE_TYPE, quality, 1, approved(quality, "1000", T0.plusSeconds(3_600)));
        long last = publish(AGGREGATE_TYPE, wrongItem, 1, rejected(wrongItem, T0.plusSeconds(8 * 86_400)));
        awaitRefundApplied(wrongItem, last);

        ResponseEntity<String> response = as("reviewer").getForEntity(REFUNDS
                + "?from=2031-03-10&to=2031-03-23&granularity=week&groupBy=reason&productId={p}&top=3", String.class, product);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode view = json.readTree(response.getBody());
        assertThat(view.path("from").asText()).isEqualTo("2031-03-10");
        assertThat(view.path("granularity").asText()).isEqualTo("WEEK");
        assertThat(view.path("businessZone").asText()).isEqualTo("Asia/Shanghai");
        JsonNode totals = view.path("totals");
        assertThat(totals.path("applications").asLong()).isEqualTo(2);
        assertThat(totals.path("approvalRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(totals.path("requestedAmount").toString()).isEqualTo("{\"CNY\":\"1500.00\"}");
        assertThat(totals.path("approvedAmount").toString()).isEqualTo("{\"CNY\":\"1000.00\"}");
        assertThat(totals.path("timeToResolution").path("resolved").asLong()).isEqualTo(1);
        assertThat(totals.path("timeToResolution").path("averageSeconds").asLong()).isEqualTo(86_400);
        assertThat(view.path("groups").findValuesAsText("key")).containsExactlyInAnyOrder("PRODUCT_QUALITY", "WRONG_ITEM");
        assertThat(view.path("groups").get(0).path("figures").path("shareOfTotal").path("applications").decimalValue())
                .isEqualByComparingTo("0.5");
        assertThat(view.path("trend").findValuesAsText("period")).containsExactly("2031-W11", "2031-W12");
        assertThat(view.path("trend").get(0).path("totals").path("applications").asLong()).isEqualTo(1);
        assertThat(view.path("topProducts").path("byApplications").get(0).path("productId").asText()).isEqualTo(product);
        assertThat(view.path("topProducts").path("byRequestedAmount").path("CNY").get(0).path("productId").asText())
                .isEqualTo(product);
    }

    @Test
    void cancellations_are_broken_down_by_effect() throws Exception {
        String product = "P-" + UUID.randomUUID();
        String subscription = UUID.randomUUID().toString();
        String cancellation = UUID.randomUUID().toString();
        publish("Subscription", subscription, 0, started(subscription, "SMB", "PRO-ANNUAL", product));
        publish("Subscription", subscription, 1, requested(subscription, cancellation, CancellationReason.PRICE,
                CancellationEffect.IMMEDIATELY, T0), Map.of(MetadataKeys.CUSTOMER_CHANNEL, "OFFLINE"));
        long last = publish("Subscription", subscription, 2, terminated(subscription, cancellation, Money.of("800", "CNY"),
                T0.plusSeconds(86_400)));
        await().until(() -> cancellationStore.findRequest(cancellation).map(CancellationTrack::lastAppliedPosition)
                .orElse(0L) >= last);

        ResponseEntity<String> response = as("finance").getForEntity(CANCELLATIONS
                + "?from=2031-03-01&to=2031-03-31&granularity=MONTH&groupBy=effect&productId={p}&channel=offline", String.class, product);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode view = json.readTree(response.getBody());
        assertThat(view.path("totals").path("requested").asLong()).isEqualTo(1);
        assertThat(view.path("totals").path("terminated").asLong()).isEqualTo(1);
        assertThat(view.path("totals").path("netRefund").toString()).isEqualTo("{\"CNY\":\"800.00\"}");
        assertThat(view.path("totals").path("daysToTermination").path("p90Days").asLong()).isEqualTo(1);
        assertThat(view.path("groups").findValuesAsText("key")).containsExactly("IMMEDIATELY");
        assertThat(view.path("trend").findValuesAsText("period")).containsExactly("2031-03");
        assertThat(view.path("filters").path("channel").asText()).isEqualTo("OFFLINE");
    }

    @ParameterizedTest(name = "{0} may read both")
    @ValueSource(strings = {"reviewer", "finance", "auditor", "admin"})
    void management_roles_may_read_the_analytics(String user) {
        assertThat(as(user).getForEntity(REFUNDS + "?from=2031-01-01&to=2031-01-31", String.class).getStatusCode().value())
                .isEqualTo(200);
        assertThat(as(user).getForEntity(CANCELLATIONS + "?from=2031-01-01&to=2031-01-31", String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void customer_service_is_forbidden_and_anonymous_callers_are_unauthenticated() throws Exception {
        for (String path : new String[]{REFUNDS, CANCELLATIONS}) {
            assertProblem(as("agent").getForEntity(path + "?from=2031-01-01&to=2031-01-31", String.class), 403, "FORBIDDEN", null);
            assertProblem(anonymous.getForEntity(path + "?from=2031-01-01&to=2031-01-31", String.class), 401, "UNAUTHENTICATED", null);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = ';', value = {
            "to=2031-01-31;                                   MISSING_PARAMETER;        from",
            "from=2031-01-01;                                 MISSING_PARAMETER;        to",
            "from=31.01.2031&to=2031-02-01;                   INVALID_PARAMETER;        from",
            "from=2031-02-01&to=2031-01-31;                   ANALYTICS_RANGE_INVALID;  to",
            "from=2031-01-01&to=2032-01-31;                   ANALYTICS_RANGE_TOO_LONG; to",
            "from=2031-01-01&to=2031-01-31&granularity=HOUR;  INVALID_PARAMETER;        granularity",
            "from=2031-01-01&to=2031-01-31&groupBy=colour;    INVALID_PARAMETER;        groupBy",
            "from=2031-01-01&to=2031-01-31&reason=BORED;      INVALID_PARAMETER;        reason",
            "from=2031-01-01&to=2031-01-31&channel=EMAIL;     INVALID_PARAMETER;        channel",
            "from=2031-01-01&to=2031-01-31&top=0;             INVALID_PARAMETER;        top",
            "from=2031-01-01&to=2031-01-31&top=many;          INVALID_PARAMETER;        top"})
    void bad_refund_parameters_are_problems_naming_the_parameter_and_rule(String query, String code, String field) throws Exception {
        assertProblem(as("auditor").getForEntity(REFUNDS + "?" + query, String.class), 400, code, field);
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = ';', value = {
            "from=2031-01-01&to=2031-01-31&groupBy=plan&effect=SOMETIME;  INVALID_PARAMETER;        effect",
            "from=2031-01-01&to=2031-01-31&reason=PRODUCT_QUALITY;        INVALID_PARAMETER;        reason",
            "from=2026-01-01&to=2031-12-31&granularity=MONTH;             ANALYTICS_RANGE_TOO_LONG; to"})
    void bad_cancellation_parameters_are_problems_naming_the_parameter_and_rule(String query, String code, String field) throws Exception {
        assertProblem(as("auditor").getForEntity(CANCELLATIONS + "?" + query, String.class), 400, code, field);
    }

    @Test
    void both_endpoints_are_described_in_the_api_documentation() throws Exception {
        JsonNode paths = json.readTree(anonymous.getForEntity("/v3/api-docs", String.class).getBody()).path("paths");

        assertThat(paths.path(REFUNDS).path("get").path("description").asText()).contains("first submission");
        assertThat(paths.path(CANCELLATIONS).path("get").path("parameters").findValuesAsText("name"))
                .contains("from", "to", "granularity", "groupBy", "reason", "planCode", "effect", "channel", "top");
    }

    private void assertProblem(ResponseEntity<String> response, int status, String code, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
    }
}
