package io.refundledger.command.web;

import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.DemoUsers;
import io.refundledger.command.testing.EventLog.StoredEvent;
import io.refundledger.command.testing.Submissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.refundledger.command.testing.DemoUsers.ADMIN;
import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.AUDITOR;
import static io.refundledger.command.testing.DemoUsers.FINANCE;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static io.refundledger.command.testing.DemoUsers.REVIEWER2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API's role table, row by row, as the contract states it. Security decides before routing, so
 * every row is checked even where the endpoint is not built yet: the wrong roles get 403, no credentials
 * 401, both as problem documents, and a refused command stores nothing.
 */
class CommandAccessOverHttpTest extends CommandSideSpringTest {

    private static final String CS = "CUSTOMER_SERVICE";

    private static final Map<String, String> ROLE_OF = Map.of(AGENT, CS, REVIEWER, "REVIEWER", REVIEWER2, "REVIEWER",
            FINANCE, "FINANCE", AUDITOR, "AUDITOR", ADMIN, "ADMIN");

    /** The contract table: path (with {id} and {payoutId}) and the roles allowed to POST it. */
    private static final List<Row> CONTRACT = List.of(
            row("/api/refunds", CS),
            row("/api/refunds/{id}/resubmit", CS),
            row("/api/refunds/{id}/information", CS),
            row("/api/refunds/{id}/withdraw", CS),
            row("/api/refunds/{id}/return-shipment", CS),
            row("/api/refunds/{id}/return-receipt", CS),
            row("/api/refunds/{id}/replacement-shipment", CS),
            row("/api/refunds/{id}/rating", CS),
            row("/api/refunds/{id}/assign", "REVIEWER", "ADMIN"),
            row("/api/refunds/{id}/information-request", "REVIEWER"),
            row("/api/refunds/{id}/approve", "REVIEWER"),
            row("/api/refunds/{id}/second-approval", "FINANCE"),
            row("/api/refunds/{id}/reject", "REVIEWER", "FINANCE"),
            row("/api/refunds/{id}/inspection", "REVIEWER"),
            row("/api/refunds/{id}/payouts", "FINANCE"),
            row("/api/refunds/{id}/payouts/{payoutId}/success", "FINANCE"),
            row("/api/refunds/{id}/payouts/{payoutId}/failure", "FINANCE"));

    record Row(String template, Set<String> roles) {
        String path(String applicationId) {
            return template.replace("{id}", applicationId).replace("{payoutId}", "payout-1");
        }

        boolean allows(String user) {
            return roles.contains(ROLE_OF.get(user));
        }

        @Override
        public String toString() {
            return "POST " + template;
        }
    }

    static Row row(String template, String... roles) {
        return new Row(template, Set.of(roles));
    }

    static Stream<Arguments> wrongCallers() {
        return CONTRACT.stream().flatMap(row -> Arrays.stream(DemoUsers.ALL).filter(user -> !row.allows(user))
                .map(user -> Arguments.of(row, user)));
    }

    static Stream<Arguments> rightCallers() {
        return CONTRACT.stream().flatMap(row -> Arrays.stream(DemoUsers.ALL).filter(row::allows)
                .map(user -> Arguments.of(row, user)));
    }

    static Stream<Row> everyRow() {
        return CONTRACT.stream();
    }

    /** One live application the refused requests aim at, so "changes nothing" means something. */
    private static String target;

    private String target() {
        if (target == null) {
            target = Submissions.submitted(as(AGENT));
        }
        return target;
    }

    @ParameterizedTest(name = "{0} as {1} is forbidden")
    @MethodSource("wrongCallers")
    void aUserWithoutAnAllowedRoleIsForbiddenAndNothingIsStored(Row row, String user) {
        String id = target();
        List<StoredEvent> eventsBefore = eventLog().eventsOf(id);
        long commitsBefore = eventLog().commitCount();

        Response response = as(user).post(row.path(id), "{}", "X-Request-Id", "req-forbidden-1");

        assertProblem(response, 403, "FORBIDDEN");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-forbidden-1");
        assertThat(eventLog().commitCount()).as("commits").isEqualTo(commitsBefore);
        assertThat(eventLog().eventsOf(id)).hasSameSizeAs(eventsBefore);
    }

    @ParameterizedTest(name = "{0} without credentials is unauthenticated")
    @MethodSource("everyRow")
    void aCallerWithoutCredentialsIsUnauthenticatedAndNothingIsStored(Row row) {
        String id = target();
        long commitsBefore = eventLog().commitCount();

        Response response = anonymous().post(row.path(id), "{}");

        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(eventLog().commitCount()).as("commits").isEqualTo(commitsBefore);
    }

    /**
     * Aimed at an application that does not exist, so nothing can change; whatever the endpoint then says
     * (404, 400, or 404 for a route not built yet), it is not the security layer refusing the role.
     */
    @ParameterizedTest(name = "{0} as {1} passes security")
    @MethodSource("rightCallers")
    void aUserWithAnAllowedRoleGetsPastSecurity(Row row, String user) {
        Response response = as(user).post(row.path(UUID.randomUUID().toString()), "{}");

        assertThat(response.status()).as(response.toString()).isNotIn(401, 403);
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsUnauthenticated() {
        long commitsBefore = eventLog().commitCount();

        assertProblem(withAuthorization(DemoUsers.basicAuth(AGENT, "agent-wrong")).post("/api/refunds", Submissions.valid()),
                401, "UNAUTHENTICATED");
        assertProblem(withAuthorization(DemoUsers.basicAuth("mallory", "mallory-demo")).post("/api/refunds", Submissions.valid()),
                401, "UNAUTHENTICATED");
        assertProblem(withAuthorization("Bearer not-in-basic-mode").post("/api/refunds", Submissions.valid()),
                401, "UNAUTHENTICATED");

        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void healthAndTheApiDescriptionAreOpenToAnyone() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/liveness").status()).isNotIn(401, 403);
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void whatTheTableDoesNotListIsDeniedEvenToAnAdmin() {
        assertProblem(as(ADMIN).get("/api/refunds/" + target()), 403, "FORBIDDEN");
        assertProblem(as(ADMIN).post("/api/anything-new", "{}"), 403, "FORBIDDEN");
        assertProblem(anonymous().get("/actuator/env"), 401, "UNAUTHENTICATED");
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.json().path("type").asText())
                .isEqualTo("https://refund-ledger.dev/problems/" + code.toLowerCase());
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }
}
