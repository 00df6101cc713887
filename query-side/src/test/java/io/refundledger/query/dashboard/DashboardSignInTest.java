package io.refundledger.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sign-in over plain HTTP (the browser tests drive the same through Chromium): a form and a session
 * for the pages, CSRF on the posts that rely on the session cookie, and the API unchanged for its own clients —
 * anonymous API calls still get the 401 problem, never a redirect to the form.
 */
class DashboardSignInTest extends QuerySideIntegrationTest {

    @LocalServerPort
    private int port;

    private final ObjectMapper json = new ObjectMapper();

    /** A browser of its own: a cookie jar, no automatic redirects, so each answer can be looked at. */
    private final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /**
         * Opens the sign-in page (which hands out the CSRF cookie), posts the form and, like a browser, follows the
         * redirect to the dashboard (whose answer brings the fresh CSRF token: signing in replaces it).
         */
        HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
            assertThat(get("/login.html").statusCode()).isEqualTo(200);
            HttpResponse<String> answer = post("/login", "username=" + user + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + cookie("XSRF-TOKEN"));
            String location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() == 302 && location.endsWith("/")) {
                assertThat(get("/").statusCode()).isEqualTo(200);
            }
            return answer;
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void an_anonymous_visitor_of_the_dashboard_is_sent_to_the_sign_in_form_which_hands_out_a_csrf_cookie() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> start = browser.get("/");
        HttpResponse<String> form = browser.get("/login.html");

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/login.html");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/login\"", "name=\"_csrf\"");
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
    }

    @Test
    void signing_in_starts_a_session_the_api_accepts_with_the_users_roles() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> signedIn = browser.signIn("finance", "finance-demo");
        HttpResponse<String> me = browser.get("/api/me");

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode user = json.readTree(me.body());
        assertThat(user.path("username").asText()).isEqualTo("finance");
        assertThat(user.path("roles").toString()).isEqualTo("[\"FINANCE\"]");
        assertThat(user.path("businessZone").asText()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void the_pages_and_their_scripts_are_for_signed_in_users_and_revalidated_not_fetched_again() throws Exception {
        Browser browser = new Browser();
        String echarts = "/webjars/echarts/dist/echarts.min.js";
        assertThat(browser.get(echarts).statusCode()).as("before signing in").isEqualTo(302);
        browser.signIn("reviewer", "reviewer-demo");

        HttpResponse<String> script = browser.get(echarts);
        String lastModified = script.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = browser.get(echarts, "If-Modified-Since", lastModified);

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("echarts");
        assertThat(script.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-cache");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(browser.get("/api/me").headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void a_wrong_password_goes_back_to_the_form_with_an_error_and_no_session() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> refused = browser.signIn("auditor", "not-the-password");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login.html?error");
        assertProblem(browser.get("/api/me"), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_sign_in_post_without_the_csrf_token_is_refused() throws Exception {
        Browser browser = new Browser();
        browser.get("/login.html");

        HttpResponse<String> forged = browser.post("/login", "username=admin&password=admin-demo");

        assertProblem(forged, 403, "CSRF_TOKEN_INVALID");
        assertProblem(browser.get("/api/me"), 401, "UNAUTHENTICATED");
    }

    @Test
    void the_session_carries_the_roles_so_the_api_still_refuses_what_they_do_not_allow() throws Exception {
        Browser agent = new Browser();
        agent.signIn("agent", "agent-demo");

        assertProblem(agent.get("/api/audit/access-log"), 403, "FORBIDDEN");
        assertProblem(agent.get("/api/finance/refunds?status=APPROVED"), 403, "FORBIDDEN");
        assertThat(agent.get("/api/refunds?customerId=C-none").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unsafe_api_call_riding_on_the_session_needs_the_csrf_header() throws Exception {
        Browser admin = new Browser();
        admin.signIn("admin", "admin-demo");

        HttpResponse<String> forged = admin.post("/api/admin/processors/no-such-processor/replay", "");
        HttpResponse<String> fromThePage = admin.post("/api/admin/processors/no-such-processor/replay", "",
                "X-XSRF-TOKEN", admin.cookie("XSRF-TOKEN"));

        assertProblem(forged, 403, "CSRF_TOKEN_INVALID");
        assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(404);
    }

    @Test
    void api_clients_keep_http_basic_and_anonymous_calls_keep_the_401_problem() throws Exception {
        Browser client = new Browser();
        String basic = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor-demo".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> anonymous = client.get("/api/me");
        HttpResponse<String> fromAPage = client.get("/api/me", "X-Requested-With", "XMLHttpRequest");
        HttpResponse<String> withBasic = client.get("/api/me", "Authorization", basic);
        HttpResponse<String> basicPost = client.post("/api/admin/processors/no-such-processor/replay", "", "Authorization", basic);

        assertProblem(anonymous, 401, "UNAUTHENTICATED");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        assertProblem(fromAPage, 401, "UNAUTHENTICATED");
        assertThat(fromAPage.headers().firstValue("WWW-Authenticate"))
                .as("no Basic challenge for a page's script: the browser would pop up its own dialog").isEmpty();
        assertThat(withBasic.statusCode()).isEqualTo(200);
        assertThat(json.readTree(withBasic.body()).path("username").asText()).isEqualTo("auditor");
        // Credentials of its own, so no CSRF token: only ADMIN may replay.
        assertProblem(basicPost, 403, "FORBIDDEN");
        assertThat(client.cookie("JSESSIONID")).as("the API never creates a session").isNull();
    }

    @Test
    void a_sign_out_post_without_the_csrf_token_is_refused_and_the_session_goes_on() throws Exception {
        Browser browser = new Browser();
        browser.signIn("reviewer", "reviewer-demo");

        assertProblem(browser.post("/logout", ""), 403, "CSRF_TOKEN_INVALID");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void signing_out_ends_the_session() throws Exception {
        Browser browser = new Browser();
        browser.signIn("reviewer", "reviewer-demo");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
        String session = browser.cookie("JSESSIONID");

        HttpResponse<String> out = browser.post("/logout", "_csrf=" + browser.cookie("XSRF-TOKEN"));

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login.html?logout");
        Browser oldCookie = new Browser();
        oldCookie.cookies.getCookieStore().add(uri("/"), sessionCookie(session));
        assertProblem(oldCookie.get("/api/me"), 401, "UNAUTHENTICATED");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    private static HttpCookie sessionCookie(String value) {
        HttpCookie cookie = new HttpCookie("JSESSIONID", value);
        cookie.setPath("/");
        return cookie;
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }
}
