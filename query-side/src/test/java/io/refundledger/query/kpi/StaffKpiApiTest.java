package io.refundledger.query.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.refundledger.query.kpi.KpiCells.bucketed;
import static io.refundledger.query.refund.RefundEvents.AGGREGATE_TYPE;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff KPIs over HTTP, through the running {@code staff-kpis} processor. Other tests share the database and
 * the processor, so these use staff names of their own (team {@code unassigned}) on a day nobody else uses.
 */
class StaffKpiApiTest extends QuerySideIntegrationTest {

    /** 10:00 in Shanghai on 2031-03-10. */
    private static final Instant T0 = Instant.parse("2031-03-10T02:00:00Z");
    private static final String DAY = "2031-03-10";

    @Autowired
    private StaffKpiStore store;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void staff_and_oversight_read_each_persons_and_each_teams_figures_and_the_leaderboard() throws Exception {
        String fast = "kpi-" + UUID.randomUUID();
        String slow = "kpi-" + UUID.randomUUID();
        decide(fast, true, Duration.ofMinutes(15));
        decide(fast, true, Duration.ofMinutes(45));
        decide(slow, false, Duration.ofHours(3));

        JsonNode view = read("/api/kpis/staff?from=" + DAY + "&to=" + DAY + "&granularity=TOTAL&team=unassigned&sortBy=medianReviewTime");
        assertThat(view.path("granularity").asText()).isEqualTo("TOTAL");
        assertThat(view.path("sortBy").asText()).isEqualTo("medianReviewTime");
        JsonNode fastRow = rowOf(view.path("staff"), fast);
        assertThat(fastRow.path("team").asText()).isEqualTo("unassigned");
        assertThat(fastRow.path("period").asText()).isEqualTo(DAY + ".." + DAY);
        assertThat(fastRow.path("figures").path("handled").asLong()).isEqualTo(2);
        assertThat(fastRow.path("figures").path("approvalRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(fastRow.path("figures").path("medianReviewSeconds").asLong()).as("assigned at 10:00").isEqualTo(bucketed(900));
        assertThat(fastRow.path("figures").path("p90ReviewSeconds").asLong()).isEqualTo(bucketed(2700));
        assertThat(rowOf(view.path("staff"), slow).path("figures").path("rejected").asLong()).isEqualTo(1);
        List<String> leaderboard = new ArrayList<>();
        view.path("leaderboard").forEach(entry -> leaderboard.add(entry.path("staffId").asText()));
        assertThat(leaderboard).containsSubsequence(fast, slow);
        JsonNode unassigned = view.path("teams").get(0);
        assertThat(unassigned.path("team").asText()).isEqualTo("unassigned");
        assertThat(unassigned.path("members").toString()).contains(fast, slow);

        JsonNode person = read("/api/kpis/staff/" + fast + "?from=2031-03-09&to=2031-03-11");
        assertThat(person.path("granularity").asText()).isEqualTo("DAY");
        assertThat(person.path("periods")).hasSize(3);
        assertThat(person.path("periods").get(0).path("figures").path("handled").asLong()).isZero();
        assertThat(person.path("periods").get(1).path("period").asText()).isEqualTo(DAY);
        assertThat(person.path("periods").get(1).path("figures").path("handled").asLong()).isEqualTo(2);
        assertThat(person.path("total").path("approved").asLong()).isEqualTo(2);
    }

    @Test
    void a_staff_member_with_nothing_recorded_gets_zeros_not_404() throws Exception {
        JsonNode person = read("/api/kpis/staff/nobody-" + UUID.randomUUID() + "?from=2031-01-01&to=2031-01-31&granularity=MONTH");

        assertThat(person.path("team").asText()).isEqualTo("unassigned");
        assertThat(person.path("periods")).hasSize(1);
        assertThat(person.path("total").path("handled").asLong()).isZero();
        assertThat(person.path("total").path("approvalRate").isNull()).isTrue();
    }

    @Test
    void reviewers_finance_auditors_and_admins_may_read_kpis_agents_may_not_and_strangers_must_sign_in() {
        for (String user : List.of("reviewer", "reviewer2", "finance", "auditor", "admin")) {
            assertThat(as(user).getForEntity("/api/kpis/staff", String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(as(user).getForEntity("/api/kpis/staff/reviewer", String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
        assertThat(as("agent").getForEntity("/api/kpis/staff", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("agent").getForEntity("/api/kpis/staff/agent", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getForEntity("/api/kpis/staff", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getForEntity("/api/kpis/staff/reviewer", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void bad_parameters_are_400_problems_naming_the_parameter() throws Exception {
        assertProblem("/api/kpis/staff?from=2031-13-01", "INVALID_PARAMETER", "from");
        assertProblem("/api/kpis/staff?to=yesterday", "INVALID_PARAMETER", "to");
        assertProblem("/api/kpis/staff?granularity=YEAR", "INVALID_PARAMETER", "granularity");
        assertProblem("/api/kpis/staff?sortBy=speed", "INVALID_PARAMETER", "sortBy");
        assertProblem("/api/kpis/staff?limit=0", "INVALID_PARAMETER", "limit");
        assertProblem("/api/kpis/staff?limit=ten", "INVALID_PARAMETER", "limit");
        assertProblem("/api/kpis/staff?team=no-such-team", "INVALID_PARAMETER", "team");
        assertProblem("/api/kpis/staff?from=2031-03-10&to=2031-03-01", "INVALID_DATE_RANGE", "from");
        assertProblem("/api/kpis/staff?from=2029-01-01&to=2031-03-01", "INVALID_DATE_RANGE", "to");
        assertProblem("/api/kpis/staff/reviewer?granularity=HOUR", "INVALID_PARAMETER", "granularity");
    }

    @Test
    void the_kpis_are_described_in_the_api_documentation() throws Exception {
        JsonNode paths = json.readTree(anonymous.getForEntity("/v3/api-docs", String.class).getBody()).path("paths");
        List<String> names = new ArrayList<>();
        paths.path("/api/kpis/staff").path("get").path("parameters").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactly("from", "to", "granularity", "team", "sortBy", "limit");
        assertThat(paths.path("/api/kpis/staff/{staffId}").path("get").path("summary").asText()).isNotBlank();
    }

    /** One application submitted at T0, assigned to {@code reviewer} at T0, decided {@code after} later. */
    private void decide(String reviewer, boolean approve, Duration after) {
        String id = newApplicationId();
        publish(AGGREGATE_TYPE, id, 0, submitted(id, newApplicationNumber(), "customer-kpi", "order-kpi", T0), by("agent", "CUSTOMER_SERVICE"));
        publish(AGGREGATE_TYPE, id, 1, assigned(id, reviewer, null, T0), by("admin", "ADMIN"));
        long decision = publish(AGGREGATE_TYPE, id, 2, approve ? approved(id, "100", T0.plus(after)) : rejected(id, T0.plus(after)),
                by(reviewer, "REVIEWER"));
        await().until(() -> store.track(id).map(ApplicationTrack::lastAppliedPosition).orElse(0L) >= decision);
    }

    private JsonNode read(String uri) throws Exception {
        ResponseEntity<String> response = as("auditor").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private static JsonNode rowOf(JsonNode rows, String staffId) {
        for (JsonNode row : rows) {
            if (row.path("staffId").asText().equals(staffId)) {
                return row;
            }
        }
        throw new AssertionError(staffId + " has no row in " + rows);
    }

    private void assertProblem(String uri, String code, String field) throws Exception {
        ResponseEntity<String> response = as("reviewer").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("code").asText()).as(uri).isEqualTo(code);
        assertThat(problem.path("field").asText()).as(uri).isEqualTo(field);
    }
}
