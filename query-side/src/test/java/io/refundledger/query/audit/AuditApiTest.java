package io.refundledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit endpoints over HTTP, with events appended through the real event store and the audit-history
 * processor running: history with metadata, state as of a position, changes, the dossier as JSON and HTML,
 * the access log, and who may call them.
 */
class AuditApiTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final String HOSTILE_ANSWER = "<img src=x onerror=alert(1)> invoice";

    private final ObjectMapper json = new ObjectMapper();
    private String id;
    private String customer;
    private long evaluation;
    private long approval;

    private static Map<String, String> meta(String actor, String roles, String requestId) {
        Map<String, String> m = new HashMap<>(Map.of(MetadataKeys.ACTOR, actor, MetadataKeys.ACTOR_ROLES, roles,
                MetadataKeys.REQUEST_ID, requestId, MetadataKeys.CHANNEL, "http", "traceId", "trace-" + requestId,
                "correlationId", "cmd-" + requestId));
        return m;
    }

    @BeforeEach
    void anApprovedApplication() {
        id = newApplicationId();
        customer = "C-API-" + id;
        Money paid = Money.of("1299.00", "CNY");
        Map<String, String> submit = meta("agent", "CUSTOMER_SERVICE", "r1");
        submit.put(MetadataKeys.IDEMPOTENCY_KEY, "idem-" + id);
        publish(AGGREGATE_TYPE, id, 0, submitted(id, newApplicationNumber(), customer, "SO-API", RefundType.REFUND_ONLY,
                paid, paid, PayoutMethod.ORIGINAL_PAYMENT, T0), submit);
        Map<String, String> policy = meta("agent", "CUSTOMER_SERVICE", "r1");
        policy.put(MetadataKeys.POLICY_VERSION, "2026-11");
        evaluation = publish(AGGREGATE_TYPE, id, 1, evaluated(id, Money.of("1199.00", "CNY"), false,
                T0.plusSeconds(172800), T0), policy);
        publish(AGGREGATE_TYPE, id, 2, informationRequested(id, "Invoice please", T0.plusSeconds(60)),
                meta("reviewer", "REVIEWER", "r2"));
        publish(AGGREGATE_TYPE, id, 3, informationProvided(id, HOSTILE_ANSWER, List.of(), T0.plusSeconds(120)),
                meta("agent", "CUSTOMER_SERVICE", "r3"));
        approval = publish(AGGREGATE_TYPE, id, 4, approved(id, "1000", T0.plusSeconds(180)), meta("reviewer", "REVIEWER", "r4"));
        await().until(() -> {
            ResponseEntity<String> r = as("auditor").getForEntity("/api/audit/refunds/" + id + "/history", String.class);
            return r.getStatusCode() == HttpStatus.OK && json.readTree(r.getBody()).path("entries").size() == 5;
        });
    }

    @Test
    void an_auditor_reads_the_history_with_who_did_what_through_which_request() throws Exception {
        JsonNode history = get("auditor", "/api/audit/refunds/" + id + "/history");

        JsonNode first = history.path("entries").get(0);
        assertThat(first.path("eventType").asText()).isEqualTo("RefundApplicationSubmitted");
        assertThat(first.path("actor").asText()).isEqualTo("agent");
        assertThat(first.path("actorRoles").toString()).isEqualTo("[\"CUSTOMER_SERVICE\"]");
        assertThat(first.path("requestId").asText()).isEqualTo("r1");
        assertThat(first.path("correlationId").asText()).isEqualTo("trace-r1");
        assertThat(first.path("causationId").asText()).isEqualTo("cmd-r1");
        assertThat(first.path("idempotencyKey").asText()).isEqualTo("idem-" + id);
        assertThat(first.path("payload").path("paidAmount").toString()).isEqualTo("{\"amount\":\"1299.00\",\"currency\":\"CNY\"}");
        assertThat(history.path("entries").get(1).path("policyVersion").asText()).isEqualTo("2026-11");
        JsonNode last = history.path("entries").get(4);
        assertThat(last.path("globalPosition").asLong()).isEqualTo(approval);
        assertThat(last.path("description").path("zh-CN").asText()).isEqualTo("reviewer 批准退款 ¥1,000.00");
        assertThat(last.path("description").path("en").asText()).isEqualTo("reviewer approved a refund of CNY 1,000.00");

        JsonNode ofCustomer = get("admin", "/api/audit/customers/" + customer + "/history");
        assertThat(ofCustomer.path("entries").findValuesAsText("globalPosition"))
                .isEqualTo(history.path("entries").findValuesAsText("globalPosition"));
    }

    @Test
    void state_as_of_a_position_and_changes_since_then() throws Exception {
        JsonNode state = get("auditor", "/api/audit/refunds/" + id + "/state?position=" + evaluation);
        assertThat(state.path("state").path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(state.path("state").path("policyEvaluation").path("policyVersion").asText()).isEqualTo("2026-11");
        assertThat(state.path("state").path("approvedAmount").isNull()).isTrue();

        JsonNode changes = get("auditor", "/api/audit/refunds/" + id + "/changes?from=" + evaluation + "&to=" + approval);
        assertThat(changes.path("to").path("state").path("approvedAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(changes.path("changedFields").toString()).contains("\"status\"", "\"approvedAmount\"");
        assertThat(changes.path("events").findValuesAsText("eventType"))
                .containsExactly("MoreInformationRequested", "MoreInformationProvided", "RefundApplicationApproved");

        ResponseEntity<String> neither = as("auditor").getForEntity("/api/audit/refunds/" + id + "/state", String.class);
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(neither.getBody()).path("code").asText()).isEqualTo("MISSING_PARAMETER");
        ResponseEntity<String> unreadable = as("auditor").getForEntity(
                "/api/audit/refunds/" + id + "/state?asOf=last-tuesday", String.class);
        assertThat(json.readTree(unreadable.getBody()).path("code").asText()).isEqualTo("INVALID_POINT_IN_LOG");
    }

    @Test
    void the_dossier_as_json_carries_the_signed_log_digest_and_as_html_escapes_what_people_typed() throws Exception {
        JsonNode dossier = get("auditor", "/api/audit/refunds/" + id + "/dossier");
        assertThat(dossier.path("generatedBy").asText()).isEqualTo("auditor");
        assertThat(dossier.path("statusTransitions").findValuesAsText("to"))
                .containsExactly("SUBMITTED", "AWAITING_INFORMATION", "SUBMITTED", "APPROVED");
        assertThat(dossier.path("policyEvaluations").size()).isEqualTo(1);
        JsonNode digest = dossier.path("logDigest");
        assertThat(digest.path("headPosition").asLong()).isGreaterThanOrEqualTo(approval);
        assertThat(digest.path("headHash").asText()).hasSize(64);
        assertThat(digest.path("signature").asText()).isNotBlank();

        ResponseEntity<String> html = as("admin").getForEntity("/api/audit/refunds/" + id + "/dossier.html", String.class);
        assertThat(html.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(html.getBody()).contains("争议档案", "Dispute dossier", "&lt;img src=x onerror=alert(1)&gt; invoice")
                .doesNotContain("<img");
    }

    @Test
    void every_audit_call_is_in_the_access_log_newest_first() throws Exception {
        String probe = UUID.randomUUID().toString();
        as("auditor").getForEntity("/api/audit/refunds/" + id + "/history?probe=" + probe, String.class);
        as("admin").getForEntity("/api/audit/refunds/no-such-id/history?probe=" + probe, String.class);

        await().untilAsserted(() -> {
            JsonNode log = get("admin", "/api/audit/access-log?limit=20");
            List<JsonNode> mine = new java.util.ArrayList<>();
            log.forEach(e -> {
                if (e.path("query").asText().equals("probe=" + probe)) {
                    mine.add(e);
                }
            });
            assertThat(mine).hasSize(2);
            // Newest first: the admin's call (a 404, still logged) came after the auditor's.
            assertThat(mine.get(0).path("user").asText()).isEqualTo("admin");
            assertThat(mine.get(0).path("status").asInt()).isEqualTo(404);
            assertThat(mine.get(1).path("user").asText()).isEqualTo("auditor");
            assertThat(mine.get(1).path("roles").toString()).isEqualTo("[\"AUDITOR\"]");
            assertThat(mine.get(1).path("method").asText()).isEqualTo("GET");
            assertThat(mine.get(1).path("path").asText()).isEqualTo("/api/audit/refunds/" + id + "/history");
            assertThat(mine.get(1).path("status").asInt()).isEqualTo(200);
            assertThat(mine.get(1).path("at").asText()).isNotBlank();
            assertThat(mine.get(0).path("id").asText()).isGreaterThan(mine.get(1).path("id").asText());
        });

        JsonNode one = get("auditor", "/api/audit/access-log?limit=1");
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get(0).path("path").asText()).as("the previous listing was itself logged")
                .isEqualTo("/api/audit/access-log");
        ResponseEntity<String> tooMany = as("auditor").getForEntity("/api/audit/access-log?limit=100000", String.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    static Stream<Arguments> caseWorkersAndEndpoints() {
        List<String> paths = List.of("/api/audit/refunds/x/history", "/api/audit/customers/C-1/history",
                "/api/audit/refunds/x/state?position=1", "/api/audit/refunds/x/changes?from=1&to=2",
                "/api/audit/refunds/x/dossier", "/api/audit/refunds/x/dossier.html", "/api/audit/access-log");
        return paths.stream().flatMap(p -> Stream.of("agent", "reviewer", "reviewer2", "finance").map(u -> Arguments.of(u, p)));
    }

    @Test
    void calls_to_the_integrity_endpoints_are_logged_without_code_of_their_own() {
        String probe = UUID.randomUUID().toString();
        as("auditor").getForEntity("/api/audit/integrity?probe=" + probe, String.class);

        await().untilAsserted(() -> {
            JsonNode log = get("auditor", "/api/audit/access-log?limit=20");
            List<String> paths = new java.util.ArrayList<>();
            log.forEach(e -> {
                if (e.path("query").asText().equals("probe=" + probe)) {
                    paths.add(e.path("user").asText() + " " + e.path("path").asText());
                }
            });
            assertThat(paths).containsExactly("auditor /api/audit/integrity");
        });
    }

    @Test
    void a_refused_attempt_is_in_the_access_log_too() {
        String probe = UUID.randomUUID().toString();
        assertThat(as("finance").getForEntity("/api/audit/refunds/" + id + "/dossier?probe=" + probe, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        await().untilAsserted(() -> {
            JsonNode log = get("auditor", "/api/audit/access-log?limit=20");
            List<JsonNode> mine = new java.util.ArrayList<>();
            log.forEach(e -> {
                if (e.path("query").asText().equals("probe=" + probe)) {
                    mine.add(e);
                }
            });
            assertThat(mine).singleElement().satisfies(e -> {
                assertThat(e.path("user").asText()).isEqualTo("finance");
                assertThat(e.path("roles").toString()).isEqualTo("[\"FINANCE\"]");
                assertThat(e.path("status").asInt()).isEqualTo(403);
                assertThat(e.path("path").asText()).isEqualTo("/api/audit/refunds/" + id + "/dossier");
            });
        });
    }

    @ParameterizedTest(name = "{0} may not GET {1}")
    @MethodSource("caseWorkersAndEndpoints")
    void case_workers_and_finance_are_refused(String user, String path) {
        assertThat(as(user).getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void auditors_and_admins_may_read_and_nobody_anonymously() {
        for (String user : List.of("auditor", "admin")) {
            assertThat(as(user).getForEntity("/api/audit/refunds/" + id + "/dossier", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            assertThat(as(user).getForEntity("/api/audit/access-log", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(anonymous.getForEntity("/api/audit/refunds/" + id + "/history", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }
}
