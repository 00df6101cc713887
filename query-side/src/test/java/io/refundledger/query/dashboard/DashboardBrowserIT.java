package io.refundledger.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.infrastructure.testing.TestMongo;
import io.refundledger.query.rebuild.GenerationRecord;
import io.refundledger.query.rebuild.GenerationRecords;
import io.refundledger.query.rebuild.RebuildsElsewhere;
import io.refundledger.query.testing.GeneratedHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (issue 12): headless Chromium against the whole query side on a random port, its own
 * embedded database filled with a generated history of fixed times (2026-08-25 onwards), every page asked for an
 * explicit period, so nothing depends on today's date. Each test signs in through the form as a demo user.
 *
 * <p>Screenshots go to {@code target/screenshots}, the time each page takes to load to {@code target/page-load-times.txt}.
 * Skipped with an install hint where there is no Chromium; on CI ({@code CI=true}) that is a failure instead.
 */
@ExtendWith(HeadlessChromium.Present.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class DashboardBrowserIT {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static final String MONGODB_URI = TestMongo.freshDatabaseUri();
    /**
     * How many applications the history has: 160 in the suite; -Ddashboard.applications=10000 (with -Dit.test=DashboardBrowserIT)
     * measures the pages' load times at that size, written to target/page-load-times.txt.
     */
    private static final int APPLICATIONS = Integer.getInteger("dashboard.applications", 160);
    private static final Path TARGET = Path.of("target");
    /** The generated history runs 90 days from 2026-08-25; these periods lie inside it. */
    private static final String SEPTEMBER = "from=2026-09-01&to=2026-09-30";
    private static final String AUTUMN = "from=2026-08-25&to=2026-11-30";
    private static final Instant RESERVED_AT = Instant.parse("2026-11-30T08:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("ledger.mongodb.uri", () -> MONGODB_URI);
    }

    @LocalServerPort
    private int port;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TestRestTemplate http;
    @Autowired
    private GenerationRecords generationRecords;

    private final ObjectMapper json = new ObjectMapper();
    private HeadlessChromium browser;
    /** An application that was paid out, so its timeline runs from submission to payout. */
    private String paidApplicationNumber;
    private String paidApplicationId;
    private String settledSubscription;
    private final Map<String, List<long[]>> loadTimes = new LinkedHashMap<>();

    @BeforeAll
    void startBrowserAndWriteHistory() throws Exception {
        HeadlessChromium.requireOnCi();
        List<DomainEventMessage<?>> history = GeneratedHistory.of(20_261_203).applications(APPLICATIONS)
                .subscriptions(Math.max(24, APPLICATIONS / 10)).events();
        Map<String, String> numbers = new HashMap<>();
        for (DomainEventMessage<?> event : history) {
            if (event.getPayload() instanceof RefundApplicationSubmitted submitted) {
                numbers.put(submitted.applicationId(), submitted.applicationNumber());
            } else if (event.getPayload() instanceof PayoutSucceeded paid && paidApplicationId == null) {
                paidApplicationId = paid.applicationId();
                paidApplicationNumber = numbers.get(paid.applicationId());
            } else if (event.getPayload() instanceof CancellationSettlementCalculated settled && settledSubscription == null) {
                settledSubscription = settled.subscriptionId();
            }
        }
        for (int from = 0; from < history.size(); from += 64) {
            eventStore.publish(history.subList(from, Math.min(history.size(), from + 64)));
        }
        awaitProcessorsCaughtUp();
        browser = HeadlessChromium.start(TARGET.resolve("screenshots"));
    }

    @BeforeEach
    void signedOut() {
        browser.driver.get(base() + "/login.html");
        browser.driver.manage().deleteAllCookies();
        browser.script("localStorage.clear()");
    }

    @AfterAll
    void stopBrowserAndReportLoadTimes() throws IOException {
        if (browser != null) {
            browser.close();
        }
        List<String> lines = new ArrayList<>();
        lines.add("Dashboard page loads, " + APPLICATIONS + " applications: median (min–max) ms");
        lines.add(String.format("%-16s %8s %22s %22s", "page", "loads", "full load→rendered ms", "render (API+DOM) ms"));
        loadTimes.forEach((page, times) -> lines.add(String.format("%-16s %8d %22s %22s", page, times.size(),
                spread(times, 0), spread(times, 1))));
        Files.write(TARGET.resolve("page-load-times.txt"), lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }

    // ------------------------------------------------------------------------------------------------------- roles

    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource({
            "agent,     find",
            "reviewer,  find reasons cancellations kpis",
            "reviewer2, find reasons cancellations kpis",
            "finance,   find reasons cancellations kpis finance",
            "auditor,   find reasons cancellations kpis finance audit",
            "admin,     find reasons cancellations kpis finance audit processors"})
    void every_role_signs_in_and_is_offered_only_the_pages_its_roles_may_read(String user, String pages) {
        signIn(user);

        assertThat(browser.find("#username").getText()).isEqualTo(user);
        assertThat(browser.findAll("#nav a").stream().map(a -> a.getDomAttribute("id").substring("nav-".length())))
                .containsExactlyElementsOf(Arrays.asList(pages.split(" ")));
    }

    @Test
    void a_wrong_password_is_refused_on_the_form() throws Exception {
        browser.driver.get(base() + "/login.html");
        browser.find("#username").sendKeys("auditor");
        browser.find("#password").sendKeys("guess");
        browser.find("#sign-in").click();

        browser.waiting().until(d -> !browser.findAll("#login-error").isEmpty());
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login.html?error");
        browser.screenshot("login");
    }

    @Test
    void an_agent_opening_the_audit_page_is_refused_by_the_api_and_told_so() throws Exception {
        signIn("agent");

        load("audit", "");

        assertThat(browser.findAll("#nav-audit")).as("not offered in the navigation").isEmpty();
        WebElement refusal = browser.find("#forbidden");
        assertThat(refusal.getText()).contains("Access refused", "CUSTOMER_SERVICE", "403", "FORBIDDEN");
        browser.screenshot("forbidden");
    }

    @Test
    void a_reviewer_gets_no_finance_queue() {
        signIn("reviewer");

        load("finance", AUTUMN);

        assertThat(browser.find("#forbidden").getText()).contains("403");
        assertThat(browser.findAll("#queue-table")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ find a refund

    @Test
    void an_agent_finds_a_refund_by_its_number_and_sees_every_step_who_and_when() throws Exception {
        signIn("agent");
        JsonNode progress = json.readTree(http.withBasicAuth("agent", "agent-demo")
                .getForObject("/api/refunds/" + paidApplicationNumber, String.class));

        long before = browser.renders();
        browser.find("#find-number").sendKeys(paidApplicationNumber);
        browser.find("#find-submit").click();
        browser.awaitRendered(before, "find");

        assertThat(browser.find("#progress-number").getText()).isEqualTo(paidApplicationNumber);
        List<WebElement> steps = browser.findAll("#timeline li");
        assertThat(steps).hasSize(progress.path("timeline").size());
        assertThat(steps.get(0).getDomAttribute("data-step")).isEqualTo("SUBMITTED");
        assertThat(browser.findAll("#timeline li[data-step='PAYOUT_SUCCEEDED']")).isNotEmpty();
        assertThat(steps.get(0).getText()).contains("agent").containsPattern("2026-\\d\\d-\\d\\d|\\d\\d/\\d\\d/2026");
        assertThat(browser.find("#policy").getText()).contains(progress.path("policyEvaluation").path("policyVersion").asText());
        assertThat(browser.findAll("#payouts tbody tr")).hasSize(progress.path("payouts").size());
        assertThat(browser.find("#next-step").getText()).isNotBlank();
        browser.screenshot("find-refund");

        before = browser.renders();
        browser.find("#order-link").click();
        browser.awaitRendered(before, "find");
        assertThat(browser.find("#order-totals").getText()).contains(progress.path("orderId").asText());
        assertThat(browser.findAll("#matches tbody tr")).isNotEmpty();
    }

    // -------------------------------------------------------------------------------------------------- dashboards

    @Test
    void a_reviewer_changes_the_period_and_the_charts_and_table_follow() throws Exception {
        signIn("reviewer");
        load("reasons", SEPTEMBER + "&granularity=WEEK&groupBy=reason");
        String trendBefore = browser.find("#trend-chart").getDomAttribute("data-summary");
        String totalBefore = totalRow();
        assertThat(trendBefore).startsWith("2026-W");

        setDate("to", "2026-11-30");
        new Select(browser.find("select[name=granularity]")).selectByValue("MONTH");
        long before = browser.renders();
        browser.find("#apply").click();
        browser.awaitRendered(before, "reasons");

        String trendAfter = browser.find("#trend-chart").getDomAttribute("data-summary");
        assertThat(trendAfter).startsWith("2026-09:").contains("2026-10:", "2026-11:").isNotEqualTo(trendBefore);
        assertThat(totalRow()).isNotEqualTo(totalBefore);
        assertThat(browser.find("#breakdown-chart").getDomAttribute("data-summary")).isNotBlank();
        assertThat(browser.findAll("#top-products tbody tr")).isNotEmpty();
        assertThat(browser.driver.getCurrentUrl()).contains("to=2026-11-30", "granularity=MONTH");
        browser.screenshot("refund-reasons");
    }

    @Test
    void a_period_the_api_refuses_is_shown_with_the_problems_code_and_detail() {
        signIn("reviewer");

        load("reasons", "from=2026-09-30&to=2026-09-01");

        assertThat(browser.find("#problem").getText()).contains("400", "ANALYTICS_RANGE_INVALID");
        assertThat(browser.findAll("#trend-chart")).isEmpty();
    }

    @Test
    void cancellations_show_the_breakdown_and_a_subscriptions_settlement_line_by_line() throws Exception {
        signIn("reviewer");

        load("cancellations", AUTUMN + "&granularity=MONTH&groupBy=reason&subscription=" + settledSubscription);

        assertThat(browser.find("#trend-chart").getDomAttribute("data-summary")).contains("2026-");
        assertThat(browser.findAll("#groups-table tbody tr")).hasSizeGreaterThan(1);
        List<WebElement> lines = browser.findAll("#settlement-lines tbody tr");
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).getText()).contains("PREPAID_FOR_TERM");
        assertThat(browser.find("#settlement-lines").getText()).contains("NET_REFUND", "CNY");
        browser.screenshot("cancellations");
    }

    @Test
    void staff_kpis_rank_the_staff_and_chart_one_persons_periods() throws Exception {
        signIn("finance");
        load("kpis", AUTUMN + "&granularity=MONTH");
        assertThat(browser.findAll("#leaderboard tbody tr")).isNotEmpty();
        assertThat(browser.find("#member-chart").getDomAttribute("data-summary")).contains("2026-09:");

        long before = browser.renders();
        browser.find("#leaderboard th[data-sort=approvalRate]").click();
        browser.awaitRendered(before, "kpis");
        assertThat(browser.driver.getCurrentUrl()).contains("sortBy=approvalRate");

        before = browser.renders();
        browser.find("#leaderboard a[data-staff=reviewer2]").click();
        browser.awaitRendered(before, "kpis");
        assertThat(browser.find("#member-title").getText()).contains("reviewer2");
        browser.screenshot("staff-kpis");
    }

    @Test
    void finance_sees_its_queues_and_payouts_and_downloads_the_reconciliation_csv() throws Exception {
        signIn("finance");
        load("finance", AUTUMN);

        assertThat(browser.find("#totals-chart").getDomAttribute("data-summary")).contains("2026-09-");
        assertThat(browser.findAll("#payouts-table tbody tr")).hasSizeLessThanOrEqualTo(10).isNotEmpty();
        assertThat(browser.find("#payouts-pager").getText()).contains("of");
        int total = json.readTree(http.withBasicAuth("finance", "finance-demo")
                .getForObject("/api/finance/payouts?" + AUTUMN + "&limit=1", String.class)).path("total").asInt();

        // The page's own link, fetched with the page's session, as the download would be.
        String download = (String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('csv-link').href, {credentials: 'same-origin'})"
                + ".then(r => r.text().then(body => done(r.status + ' ' + r.headers.get('content-type') + '\\n' + body)))");
        String[] lines = download.split("\r?\n");
        assertThat(lines[0]).startsWith("200 text/csv");
        assertThat(lines[1]).startsWith("started_at,completed_at,application_number,application_id");
        assertThat(lines).hasSize(total + 2);
        assertThat(browser.find("#csv-link").getDomAttribute("href")).isEqualTo("/api/finance/payouts.csv?" + AUTUMN);
        browser.screenshot("finance");

        // Tables page through the API's limit and offset, ten rows at a time.
        String firstPage = browser.find("#payouts-table tbody").getText();
        long before = browser.renders();
        browser.find("#payouts-pager button[data-offset='10']").click();
        browser.awaitRendered(before, "finance");
        assertThat(browser.driver.getCurrentUrl()).contains("poff=10");
        assertThat(browser.find("#payouts-pager").getText()).contains("11–20 of " + total);
        assertThat(browser.find("#payouts-table tbody").getText()).isNotEqualTo(firstPage);

        before = browser.renders();
        browser.find("#queue-tabs button[data-queue=PAYOUT_FAILED]").click();
        browser.awaitRendered(before, "finance");
        assertThat(browser.driver.getCurrentUrl()).contains("queue=PAYOUT_FAILED");
    }

    // ----------------------------------------------------------------------------------------------------- audit

    @Test
    void an_auditor_reads_the_history_checks_integrity_and_opens_the_printable_dossier() throws Exception {
        signIn("auditor");
        load("audit", "kind=application&id=" + paidApplicationNumber + "&asOf=2026-12-31T00:00");

        assertThat(browser.findAll("#history-table tbody tr")).hasSizeGreaterThan(3);
        assertThat(browser.find("#state-as-of").getText()).contains("PAID");
        assertThat(browser.findAll("#access-log-table tbody tr")).isNotEmpty();
        browser.find("#check-one").click();
        browser.waiting().until(d -> !browser.findAll("#integrity-result").isEmpty());
        assertThat(browser.find("#integrity-result").getText()).isEqualTo("Intact");
        browser.screenshot("audit");

        String dossier = browser.find("#dossier-link").getDomAttribute("href");
        assertThat(dossier).isEqualTo("/api/audit/refunds/" + paidApplicationId + "/dossier.html");
        browser.driver.get(base() + dossier);
        assertThat(browser.driver.getPageSource()).contains(paidApplicationNumber);
        browser.screenshot("dossier");
    }

    // --------------------------------------------------------------------------------------------------- admin

    @Test
    void an_admin_replays_a_processor_and_follows_its_progress() throws Exception {
        signIn("admin");
        load("processors", "");
        assertThat(browser.findAll("#processors-table tbody tr")).hasSizeGreaterThanOrEqualTo(9);

        browser.find("button[data-replay=account-balances]").click();

        browser.waiting().withTimeout(Duration.ofSeconds(60)).until(d -> !browser.findAll("#replay-done").isEmpty());
        assertThat(browser.find("[data-lag=account-balances]").getText()).isEqualTo("0");
        browser.screenshot("processors");
    }

    @Test
    void an_admin_rebuilds_a_read_model_blue_green_and_sees_it_switch_to_the_new_generation() throws Exception {
        signIn("admin");
        load("processors", "");
        int before = Integer.parseInt(browser.find("[data-generation=order-refunds]").getText());

        browser.find("button[data-rebuild=order-refunds]").click();

        browser.waiting().withTimeout(Duration.ofSeconds(90)).until(d -> !browser.findAll("#rebuild-done").isEmpty());
        assertThat(browser.find("[data-generation=order-refunds]").getText()).isEqualTo(String.valueOf(before + 1));
        assertThat(browser.find("[data-lag=order-refunds]").getText()).isEqualTo("0");
    }

    @Test
    void an_admin_gives_up_a_rebuild_and_the_generation_that_answers_stays() throws Exception {
        GenerationRecord before = generationRecords.of("staff-kpis");
        // As another instance leaves it while it prepares the rebuild: under way, and not filled here, so it stays so.
        RebuildsElsewhere.reservePreparing(generationRecords, "staff-kpis", RESERVED_AT);
        signIn("admin");
        load("processors", "");
        assertThat(browser.find("[data-generation=staff-kpis]").getText()).isEqualTo(before.active() + " → " + (before.active() + 1));

        browser.find("button[data-give-up=staff-kpis]").click();

        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> !browser.findAll("#rebuild-given-up").isEmpty());
        assertThat(browser.find("#rebuild-given-up").getText()).contains("staff-kpis");
        assertThat(browser.find("[data-generation=staff-kpis]").getText()).isEqualTo(String.valueOf(before.active()));
        assertThat(browser.findAll("button[data-give-up=staff-kpis]")).isEmpty();
        assertThat(browser.find("button[data-rebuild=staff-kpis]").isEnabled()).isTrue();
        assertThat(generationRecords.of("staff-kpis").building()).isNull();
        assertThat(generationRecords.of("staff-kpis").active()).isEqualTo(before.active());
    }

    // --------------------------------------------------------------------------------------------- language, sign-out

    @Test
    void the_language_switch_shows_the_pages_in_chinese_and_back() throws Exception {
        signIn("auditor");
        load("reasons", SEPTEMBER);

        long before = browser.renders();
        new Select(browser.find("#lang")).selectByValue("zh-CN");
        browser.awaitRendered(before, "reasons");

        assertThat(browser.find("#nav-reasons").getText()).isEqualTo("退款原因");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.find("#groups-table").getText()).contains("合计");
        browser.screenshot("zh-CN");

        before = browser.renders();
        new Select(browser.find("#lang")).selectByValue("en");
        browser.awaitRendered(before, "reasons");
        assertThat(browser.find("#nav-reasons").getText()).isEqualTo("Refund reasons");
    }

    @Test
    void signing_out_ends_the_session_for_the_pages_and_the_api() {
        signIn("finance");

        browser.find("#sign-out").click();

        browser.waiting().until(d -> !browser.findAll("#logged-out").isEmpty());
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/me', {headers: {'X-Requested-With': 'XMLHttpRequest'}}).then(r => done(r.status))");
        assertThat(((Number) status).intValue()).isEqualTo(401);
        browser.driver.get(base() + "/#/finance");
        browser.waiting().until(d -> browser.driver.getCurrentUrl().contains("/login.html"));
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private String base() {
        return "http://localhost:" + port;
    }

    private void signIn(String user) {
        browser.driver.get(base() + "/login.html");
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(user + "-demo");
        browser.find("#sign-in").click();
        browser.awaitRendered(0, "find");
        recordLoadTime("find");
    }

    /** A full page load of one view (new document), timed from navigation start to the page's data being shown. */
    private void load(String page, String query) {
        browser.driver.get("about:blank");
        browser.driver.get(base() + "/#/" + page + (query.isEmpty() ? "" : "?" + query));
        browser.awaitRendered(0, page);
        recordLoadTime(page);
    }

    private void recordLoadTime(String page) {
        Object[] timing = ((List<?>) browser.script("const t = window.dashboardTimings[window.dashboardTimings.length - 1];"
                + "return [Math.round(performance.now()), t.ms];")).toArray();
        loadTimes.computeIfAbsent(page, p -> new ArrayList<>())
                .add(new long[]{((Number) timing[0]).longValue(), ((Number) timing[1]).longValue()});
    }

    private static String spread(List<long[]> times, int index) {
        List<Long> sorted = times.stream().map(t -> t[index]).sorted().toList();
        return sorted.size() == 1 ? sorted.get(0).toString()
                : String.format("%d (%d–%d)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private void setDate(String name, String isoDate) {
        // Date inputs take their value from script more reliably than from typed keys across locales.
        browser.script("document.querySelector('input[name=' + arguments[0] + ']').value = arguments[1]", name, isoDate);
    }

    private String totalRow() {
        List<WebElement> rows = browser.findAll("#groups-table tbody tr");
        return rows.get(rows.size() - 1).getText();
    }

    private void awaitProcessorsCaughtUp() throws Exception {
        // About 12 events per application; the processors catch up at a few hundred events a second each on 2 cores.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).plusSeconds(APPLICATIONS / 5).toNanos();
        while (true) {
            JsonNode status = json.readTree(http.withBasicAuth("admin", "admin-demo").getForObject("/api/admin/processors", String.class));
            Set<String> behind = new java.util.TreeSet<>();
            for (JsonNode p : status.path("processors")) {
                if (p.path("replaying").asBoolean() || p.path("segments").isEmpty() || p.path("lag").asLong() != 0) {
                    behind.add(p.path("name").asText());
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime()).as("processors still behind: " + behind).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
