package io.refundledger.query.soak;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A second client that, while the load runs, sends what a public API gets from careless or hostile callers. Every
 * request must get a 4xx problem document and store nothing: each carries the marker {@value #MARKER} in its ids and
 * an idempotency key starting with {@value #KEY_PREFIX}, which the checker then looks for in the event store.
 */
final class SoakBadInputs {

    static final String MARKER = "SOAK-BAD";
    static final String KEY_PREFIX = "bad";

    /** One kind of bad request: on the command side unless {@code query}, built for the n-th try. */
    record Case(String name, boolean query, Function<Integer, HttpRequest.Builder> request) {
    }

    /** What one bad request got: status, whether the body was a problem document and its code, when it ended. */
    record Outcome(String name, int status, boolean problem, String code, double endedAtSeconds, String body) {
    }

    private final SoakCluster cluster;
    private final SoakClient client;
    private final long pauseMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;
    final AtomicLong tried = new AtomicLong();
    final List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());

    SoakBadInputs(SoakCluster cluster, SoakClient client, long pauseMillis) {
        this.cluster = cluster;
        this.client = client;
        this.pauseMillis = pauseMillis;
    }

    void start() {
        thread = new Thread(this::run, "soak-bad-inputs");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
    }

    private void run() {
        List<Case> cases = cases();
        int n = 0;
        while (running.get()) {
            Case bad = cases.get(n % cases.size());
            n++;
            List<SoakCluster.Instance> instances = bad.query() ? cluster.querySide() : cluster.commandSide();
            SoakCluster.Instance instance = instances.get(n % instances.size());
            HttpRequest.Builder request = bad.request().apply(n);
            String base = instance.baseUrl();
            HttpRequest built = request.build();
            HttpRequest.Builder aimed = HttpRequest.newBuilder(URI.create(base + built.uri().getRawPath()
                    + (built.uri().getRawQuery() == null ? "" : "?" + built.uri().getRawQuery())));
            built.headers().map().forEach((name, values) -> values.forEach(value -> aimed.header(name, value)));
            aimed.method(built.method(), built.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            Optional<HttpResponse<String>> answer = client.exchange("BAD " + bad.name(), instance, aimed);
            if (answer.isPresent()) {
                tried.incrementAndGet();
                HttpResponse<String> response = answer.get();
                boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                var parsed = SoakClient.parse(response.body());
                String code = parsed == null ? null : parsed.path("code").asText(null);
                outcomes.add(new Outcome(bad.name(), response.statusCode(), problem, code, client.now(),
                        response.body().substring(0, Math.min(300, response.body().length()))));
            }
            SoakClient.sleep(pauseMillis);
        }
    }

    private static String validSubmit(int n, String amount, String currency, String reason, String payoutMethod) {
        return """
                {"customerId":"C-%s-%d","orderId":"SO-%s-%d","paidAmount":{"amount":%s,"currency":"%s"},
                 "requestedAmount":{"amount":%s,"currency":"%s"},"reasonCategory":"%s","reasonText":"bad input",
                 "payoutMethod":"%s","purchasedAt":"2026-11-20T10:00:00+08:00"}"""
                .formatted(MARKER, n, MARKER, n, amount, currency, amount, currency, reason, payoutMethod);
    }

    private static HttpRequest.Builder post(String path, String contentType, String body, String authorization, int n) {
        return HttpRequest.newBuilder(URI.create("http://x" + path))
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .header("Idempotency-Key", KEY_PREFIX + "-" + n)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder submit(String body, int n) {
        return post("/api/refunds", "application/json", body, SoakClient.basic("agent"), n);
    }

    static List<Case> cases() {
        String longSegment = "x".repeat(5_000);
        String operatorId = URLEncoder.encode("{\"$gt\":\"\"}", StandardCharsets.UTF_8);
        String forgedJwt = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"exp\":1}".getBytes(StandardCharsets.UTF_8)) + ".";
        return List.of(
                new Case("malformed JSON", false, n -> submit("{\"customerId\":\"C-" + MARKER + "-" + n + "\",", n)),
                new Case("1 MB field", false, n -> submit(validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT")
                        .replace("bad input", "x".repeat(1_048_576)), n)),
                new Case("negative amount", false, n -> submit(validSubmit(n, "\"-10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)),
                new Case("zero amount", false, n -> submit(validSubmit(n, "\"0.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)),
                new Case("NaN amount", false, n -> submit(validSubmit(n, "\"NaN\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)),
                new Case("1e309 amount", false, n -> submit(validSubmit(n, "1e309", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)),
                new Case("unknown currency", false, n -> submit(validSubmit(n, "\"10.00\"", "XQZ", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)),
                new Case("operator as id", false, n -> submit(validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT")
                        .replace("\"C-" + MARKER + "-" + n + "\"", "{\"$gt\":\"\"}"), n)),
                new Case("operator in path", false, n -> post("/api/refunds/" + operatorId + "/approve", "application/json", "{}",
                        SoakClient.basic("reviewer"), n)),
                new Case("long path segment", false, n -> post("/api/refunds/" + longSegment + "/approve", "application/json", "{}",
                        SoakClient.basic("reviewer"), n)),
                new Case("unknown enum", false, n -> submit(validSubmit(n, "\"10.00\"", "CNY", "BORED", "CASH"), n)),
                new Case("missing fields", false, n -> submit("{\"customerId\":\"C-" + MARKER + "-" + n + "\"}", n)),
                new Case("duplicate fields", false, n -> submit(validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT")
                        .replace("{\"customerId\"", "{\"orderId\":\"SO-" + MARKER + "-dup-" + n + "\",\"customerId\""), n)),
                new Case("wrong content type", false, n -> post("/api/refunds", "text/plain",
                        validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), SoakClient.basic("agent"), n)),
                new Case("XML body", false, n -> post("/api/refunds", "application/xml",
                        "<refund><customerId>C-" + MARKER + "-" + n + "</customerId></refund>", SoakClient.basic("agent"), n)),
                new Case("wrong password", false, n -> post("/api/refunds", "application/json",
                        validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"),
                        "Basic " + Base64.getEncoder().encodeToString("agent:guess".getBytes(StandardCharsets.UTF_8)), n)),
                new Case("forged token", false, n -> post("/api/refunds", "application/json",
                        validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), "Bearer " + forgedJwt, n)),
                new Case("role it lacks", false, n -> post("/api/refunds", "application/json",
                        validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), SoakClient.basic("auditor"), n)),
                new Case("bad idempotency key", false, n -> submit(validSubmit(n, "\"10.00\"", "CNY", "PRODUCT_QUALITY", "ORIGINAL_PAYMENT"), n)
                        .setHeader("Idempotency-Key", "has spaces " + n)),
                new Case("query: operator in path", true, n -> HttpRequest.newBuilder(URI.create("http://x/api/refunds/" + operatorId))
                        .header("Authorization", SoakClient.basic("agent")).GET()),
                new Case("query: long path segment", true, n -> HttpRequest.newBuilder(URI.create("http://x/api/refunds/" + longSegment))
                        .header("Authorization", SoakClient.basic("agent")).GET()),
                new Case("query: range out of bounds", true, n -> HttpRequest.newBuilder(URI.create(
                                "http://x/api/analytics/refund-reasons?from=2026-01-01&to=2020-01-01&granularity=DAY"))
                        .header("Authorization", SoakClient.basic("reviewer")).GET()),
                new Case("query: forged token", true, n -> HttpRequest.newBuilder(URI.create("http://x/api/refunds"))
                        .header("Authorization", "Bearer " + forgedJwt).GET()));
    }
}
