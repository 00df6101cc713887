package io.refundledger.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API's role table, row by row, as the contract states it. Security decides before routing, so
 * rows hold even for endpoints not built yet: wrong roles get 403, no credentials 401, as problem documents.
 */
class QueryAccessOverHttpTest extends QuerySideIntegrationTest {

    private static final List<String> USERS = List.of("agent", "reviewer", "reviewer2", "finance", "auditor", "admin");
    private static final Map<String, String> ROLE_OF = Map.of("agent", "CUSTOMER_SERVICE", "reviewer", "REVIEWER",
            "reviewer2", "REVIEWER", "finance", "FINANCE", "auditor", "AUDITOR", "admin", "ADMIN");
    private static final Set<String> EVERYONE = Set.of("CUSTOMER_SERVICE", "REVIEWER", "FINANCE", "AUDITOR", "ADMIN");

    private static final List<Row> CONTRACT = List.of(
            new Row(HttpMethod.GET, "/api/me", EVERYONE),
            new Row(HttpMethod.GET, "/api/refunds/RF-20261123-000001", EVERYONE),
            new Row(HttpMethod.GET, "/api/refunds?customerId=C-1", EVERYONE),
            new Row(HttpMethod.GET, "/api/orders/SO-1", EVERYONE),
            new Row(HttpMethod.GET, "/api/orders/SO-1/refunds", EVERYONE),
            new Row(HttpMethod.GET, "/api/finance/payouts", Set.of("FINANCE", "AUDITOR", "ADMIN")),
            new Row(HttpMethod.GET, "/api/finance/reports/daily", Set.of("FINANCE", "AUDITOR", "ADMIN")),
            new Row(HttpMethod.GET, "/api/customers/C-1/balance", Set.of("CUSTOMER_SERVICE", "FINANCE", "AUDITOR", "ADMIN")),
            new Row(HttpMethod.GET, "/api/admin/processors", Set.of("ADMIN")),
            new Row(HttpMethod.POST, "/api/admin/processors/refund-progress/replay", Set.of("ADMIN")));

    record Row(HttpMethod method, String path, Set<String> roles) {
        boolean allows(String user) {
            return roles.contains(ROLE_OF.get(user));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> wrongCallers() {
        return CONTRACT.stream().flatMap(row -> USERS.stream().filter(u -> !row.allows(u)).map(u -> Arguments.of(row, u)));
    }

    static Stream<Arguments> rightCallers() {
        return CONTRACT.stream().flatMap(row -> USERS.stream().filter(row::allows).map(u -> Arguments.of(row, u)));
    }

    static Stream<Row> everyRow() {
        return CONTRACT.stream();
    }

    private static ResponseEntity<String> send(TestRestTemplate http, Row row) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(row.path(), row.method(), new HttpEntity<>(row.method() == HttpMethod.POST ? "{}" : null, headers),
                String.class);
    }

    @ParameterizedTest(name = "{0} as {1} is forbidden")
    @MethodSource("wrongCallers")
    void aUserWithoutAnAllowedRoleIsForbidden(Row row, String user) throws Exception {
        assertProblem(send(as(user), row), 403, "FORBIDDEN");
    }

    @ParameterizedTest(name = "{0} without credentials is unauthenticated")
    @MethodSource("everyRow")
    void aCallerWithoutCredentialsIsUnauthenticated(Row row) throws Exception {
        ResponseEntity<String> response = send(anonymous, row);

        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    /** Whatever the endpoint then answers (200, 404, 400, or 404 for a route not built yet), security let it through. */
    @ParameterizedTest(name = "{0} as {1} passes security")
    @MethodSource("rightCallers")
    void aUserWithAnAllowedRoleGetsPastSecurity(Row row, String user) {
        ResponseEntity<String> response = send(as(user), row);

        assertThat(response.getStatusCode().value()).as(response.toString()).isNotIn(401, 403);
    }

    @Test
    void aWrongPasswordIsUnauthenticated() throws Exception {
        assertProblem(anonymous.withBasicAuth("auditor", "not-the-password").getForEntity("/api/refunds/x", String.class),
                401, "UNAUTHENTICATED");
    }

    @Test
    void theQuerySideTakesNoCommandsAndListsNothingElse() throws Exception {
        assertProblem(send(as("admin"), new Row(HttpMethod.POST, "/api/refunds", Set.of())), 403, "FORBIDDEN");
        assertProblem(send(as("admin"), new Row(HttpMethod.GET, "/api/something-new", Set.of())), 403, "FORBIDDEN");
    }

    @Test
    void anIdInThePathLongerThanAnyStoredIdIsRefusedBeforeAnyLookup() throws Exception {
        ResponseEntity<String> refund = anonymous.withBasicAuth("auditor", "auditor-demo")
                .getForEntity("/api/refunds/" + "a".repeat(129), String.class);
        assertProblem(refund, 400, "ID_OR_NUMBER_TOO_LONG");
        assertThat(json.readTree(refund.getBody()).path("field").asText()).isEqualTo("idOrNumber");
        assertProblem(anonymous.withBasicAuth("auditor", "auditor-demo")
                .getForEntity("/api/orders/" + "o".repeat(5_000) + "/refunds", String.class), 400, "ORDER_ID_TOO_LONG");
        // As long as an id can be: looked up, and simply not found.
        assertThat(anonymous.withBasicAuth("auditor", "auditor-demo").getForEntity("/api/refunds/" + "a".repeat(128), String.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void healthAndTheApiDescriptionAreOpenToAnyone() {
        assertThat(anonymous.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getForEntity("/v3/api-docs", String.class).getStatusCode().value()).isEqualTo(200);
    }

    private void assertProblem(ResponseEntity<String> response, int status, String code) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.toString()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isEqualTo("https://refund-ledger.dev/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }
}
