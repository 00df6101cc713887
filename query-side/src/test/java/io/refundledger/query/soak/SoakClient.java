package io.refundledger.query.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP as a careful client uses it, with a record of everything: every command carries its own
 * {@code Idempotency-Key} and is retried with that same key, on the other instance, after a timeout, a reset
 * connection, a 5xx, a 429 (after its {@code Retry-After}) or a 409 saying the first attempt is still running.
 */
final class SoakClient {

    /**
     * One HTTP exchange as it happened; {@code status} -1 when no answer came, and then {@code failure} says why
     * (a timeout, a refused or reset connection).
     */
    record Attempt(String label, double atSeconds, double millis, int status, String instance, String failure) {
    }

    static {
        // Tomcat closes a keep-alive connection idle for 20 s; a client that reuses it at that moment gets no answer
        // through no fault of the server. Dropping idle connections sooner keeps such races out of the figures.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }

    /** One logical request: its key, what finally came back, and whether that answer was a replay of the first. */
    record Sent(String key, String label, int status, boolean replayed, int attempts, JsonNode body) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final long startedNanos;
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Sent> commands = new ConcurrentLinkedQueue<>();
    private final AtomicLong keys = new AtomicLong();
    private final String keyPrefix;

    SoakClient(long startedNanos, String keyPrefix) {
        this.startedNanos = startedNanos;
        this.keyPrefix = keyPrefix;
    }

    String newKey() {
        return keyPrefix + "-" + keys.incrementAndGet();
    }

    double now() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** A command: POST with a new key to one instance, retried with the same key until it gets a final answer. */
    Sent command(String label, List<SoakCluster.Instance> instances, int preferred, String path, String body, String user) {
        return command(label, instances, preferred, path, body, user, newKey(), false);
    }

    /**
     * @param duplicate send it once more with the same key after the answer, as a client does whose first answer
     *                  timed out although it arrived: the second must be a replay of the first
     */
    Sent command(String label, List<SoakCluster.Instance> instances, int preferred, String path, String body, String user,
                 String key, boolean duplicate) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int attempt = 0;
        while (true) {
            SoakCluster.Instance instance = instances.get(Math.floorMod(preferred + attempt, instances.size()));
            attempt++;
            Optional<HttpResponse<String>> answer = exchange(label, instance, HttpRequest.newBuilder(
                            URI.create(instance.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic(user))
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8)));
            long backoff = Math.min(2_000, 100L * attempt);
            if (answer.isPresent()) {
                HttpResponse<String> response = answer.get();
                int status = response.statusCode();
                boolean retry = status >= 500 || status == 429 || (status == 409 && response.body().contains("IDEMPOTENCY_KEY_IN_PROGRESS"));
                if (!retry || System.nanoTime() > deadline) {
                    Sent sent = new Sent(key, label, status, response.headers().firstValue("Idempotent-Replayed").isPresent(),
                            attempt, parse(response.body()));
                    commands.add(sent);
                    if (duplicate && sent.acknowledged()) {
                        Sent again = command(label + " (same key again)", instances, preferred + 1, path, body, user, key, false);
                        if (!again.replayed() || again.status() != sent.status()) {
                            commands.add(new Sent(key, "REPLAY MISMATCH " + label, again.status(), again.replayed(), 1, again.body()));
                        }
                    }
                    return sent;
                }
                if (status == 429) {
                    backoff = 1_000L * response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                }
            } else if (System.nanoTime() > deadline) {
                Sent sent = new Sent(key, label, -1, false, attempt, null);
                commands.add(sent);
                return sent;
            }
            sleep(backoff);
        }
    }

    /** A read: GET, retried a few times across instances while they are down. Answers the body when 200. */
    Optional<JsonNode> read(String label, List<SoakCluster.Instance> instances, int preferred, String path, String user) {
        for (int attempt = 0; attempt < 4; attempt++) {
            SoakCluster.Instance instance = instances.get(Math.floorMod(preferred + attempt, instances.size()));
            Optional<HttpResponse<String>> answer = exchange(label, instance, HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                    .header("Authorization", basic(user)).GET());
            if (answer.isPresent() && answer.get().statusCode() < 500) {
                return answer.get().statusCode() == 200 ? Optional.ofNullable(parse(answer.get().body())) : Optional.empty();
            }
            sleep(250L * (attempt + 1));
        }
        return Optional.empty();
    }

    /** One raw exchange, recorded; for the bad-input client, which wants to see exactly what came back. */
    Optional<HttpResponse<String>> exchange(String label, SoakCluster.Instance instance, HttpRequest.Builder request) {
        double at = now();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            attempts.add(new Attempt(label, at, (System.nanoTime() - started) / 1e6, response.statusCode(), instance.name, null));
            return Optional.of(response);
        } catch (IOException e) {
            attempts.add(new Attempt(label, at, (System.nanoTime() - started) / 1e6, -1, instance.name,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
