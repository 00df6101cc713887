package io.refundledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import io.refundledger.command.common.CommandMetadata;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import io.refundledger.command.testing.Submissions;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static io.refundledger.command.testing.DemoUsers.REVIEWER2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retrying a POST with the same {@code Idempotency-Key} is safe: it runs once, and every repeat gets the
 * first answer. Keys belong to the authenticated user and are kept in {@code idempotency_keys}.
 */
class IdempotencyKeysOverHttpTest extends CommandSideSpringTest {

    private static final String KEY = "Idempotency-Key";

    @Autowired
    CommandBus commandBus;

    static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    Document storedKey(String principal, String key) {
        return database.getCollection(IdempotencyKeys.COLLECTION).find(Filters.eq("_id", principal + ":" + key)).first();
    }

    long submissionsUnder(String key) {
        return eventLog().eventsWithMetaData("idempotencyKey", key).stream()
                .filter(e -> e.payloadSimpleName().equals("RefundApplicationSubmitted")).count();
    }

    @Test
    void aRepeatedSubmissionGetsTheFirstAnswerAndCreatesOneApplication() {
        String key = newKey();
        String body = Submissions.valid();

        Response first = as(AGENT).post("/api/refunds", body, KEY, key, "X-Request-Id", "req-idem-first");
        long commitsAfterFirst = eventLog().commitCount();
        Response repeat = as(AGENT).post("/api/refunds", body, KEY, key, "X-Request-Id", "req-idem-repeat");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.contentType()).isEqualTo(first.contentType());
        assertThat(repeat.header(IdempotencyKeyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.header(IdempotencyKeyFilter.REPLAYED_HEADER)).isNull();
        // The repeat is a request of its own, with its own id.
        assertThat(repeat.header("X-Request-Id")).isEqualTo("req-idem-repeat");

        String applicationId = first.json().path("applicationId").asText();
        assertThat(eventLog().eventsOf(applicationId)).extracting(StoredEvent::payloadSimpleName)
                .containsOnlyOnce("RefundApplicationSubmitted");
        assertThat(eventLog().commitCount()).as("nothing stored by the repeat").isEqualTo(commitsAfterFirst);
    }

    @Test
    void theKeyIsRecordedWithTheEventsSoARetryStaysVisible() {
        String key = newKey();

        Response response = as(AGENT).post("/api/refunds", Submissions.valid(), KEY, key);

        JsonNode metaData = eventLog().eventsOf(response.json().path("applicationId").asText()).get(0).metaData();
        assertThat(metaData.path("idempotencyKey").asText()).isEqualTo(key);
        assertThat(metaData.path("actor").asText()).isEqualTo("agent");
    }

    @Test
    void theKeyIsStoredWithTheRequestItsResponseAndWhen() {
        String key = newKey();

        Response response = as(AGENT).post("/api/refunds", Submissions.valid(), KEY, key);

        Document stored = storedKey("agent", key);
        assertThat(stored).isNotNull();
        assertThat(stored.getString("principal")).isEqualTo("agent");
        assertThat(stored.getString("key")).isEqualTo(key);
        assertThat(stored.getString("method")).isEqualTo("POST");
        assertThat(stored.getString("path")).isEqualTo("/api/refunds");
        assertThat(stored.getString("bodySha256")).matches("[0-9a-f]{64}");
        assertThat(stored.getString("state")).isEqualTo("COMPLETED");
        assertThat(stored.getDate("claimedAt").toInstant()).isEqualTo(NOW);
        assertThat(stored.getDate("completedAt").toInstant()).isEqualTo(NOW);
        Document storedResponse = stored.get("response", Document.class);
        assertThat(storedResponse.getInteger("status")).isEqualTo(201);
        assertThat(storedResponse.get("headers", Document.class).getString("Location")).isEqualTo(response.header("Location"));
    }

    @Test
    void aRepeatedDecisionIsAnsweredAsTheFirstInsteadOfAConflict() {
        String id = Submissions.submitted(as(AGENT));
        String key = newKey();

        Response first = as(REVIEWER).post("/api/refunds/" + id + "/approve", "{}", KEY, key);
        long commitsAfterFirst = eventLog().commitCount();
        Response repeat = as(REVIEWER).post("/api/refunds/" + id + "/approve", "{}", KEY, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(eventLog().commitCount()).as("nothing stored by the repeat").isEqualTo(commitsAfterFirst);
        assertThat(eventLog().eventsOf(id)).extracting(StoredEvent::payloadSimpleName)
                .containsOnlyOnce("RefundApplicationApproved");
    }

    @Test
    void theSameKeyForADifferentRequestIsRefusedAndNothingIsStored() {
        String key = newKey();
        String body = Submissions.valid();
        Response first = as(AGENT).post("/api/refunds", body, KEY, key);
        assertThat(first.status()).isEqualTo(201);
        long commitsBefore = eventLog().commitCount();

        Response otherBody = as(AGENT).post("/api/refunds", body.replace("C-3003", "C-4004"), KEY, key);
        Response otherPath = as(AGENT).post("/api/refunds/" + first.json().path("applicationId").asText() + "/withdraw",
                body, KEY, key);

        for (Response refused : List.of(otherBody, otherPath)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
        // The first answer stays what the key gives.
        assertThat(storedKey("agent", key).get("response", Document.class).getInteger("status")).isEqualTo(201);
    }

    @Test
    void keysBelongToTheUserWhoSentThem() {
        String first = Submissions.submitted(as(AGENT));
        String second = Submissions.submitted(as(AGENT));
        String key = newKey();

        assertThat(as(REVIEWER).post("/api/refunds/" + first + "/approve", "{}", KEY, key).status()).isEqualTo(200);
        assertThat(as(REVIEWER2).post("/api/refunds/" + second + "/approve", "{}", KEY, key).status()).isEqualTo(200);

        assertThat(eventLog().eventsOf(first)).hasSize(eventLog().eventsOf(second).size());
        assertThat(storedKey("reviewer", key)).isNotNull();
        assertThat(storedKey("reviewer2", key)).isNotNull();
    }

    @Test
    void anOutcomeRefusedByTheDomainIsKeptToo() {
        String key = newKey();
        String bad = Submissions.valid().replace("\"CNY\"}", "\"RMB\"}");
        long commitsBefore = eventLog().commitCount();

        Response first = as(AGENT).post("/api/refunds", bad, KEY, key);
        Response repeat = as(AGENT).post("/api/refunds", bad, KEY, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(400);
        assertThat(repeat.status()).isEqualTo(400);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header(IdempotencyKeyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void aServerFailureFreesTheKeySoTheClientCanRetry() {
        String key = newKey();
        String body = Submissions.valid();
        Registration failing = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if ("req-idem-boom".equals(unitOfWork.getMessage().getMetaData().get(CommandMetadata.REQUEST_ID))) {
                throw new IllegalStateException("the database went away (test double)");
            }
            return chain.proceed();
        });
        Response failed;
        try {
            failed = as(AGENT).post("/api/refunds", body, KEY, key, "X-Request-Id", "req-idem-boom");
        } finally {
            failing.cancel();
        }
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        assertThat(storedKey("agent", key)).as("claim released").isNull();

        Response retried = as(AGENT).post("/api/refunds", body, KEY, key, "X-Request-Id", "req-idem-retry");

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header(IdempotencyKeyFilter.REPLAYED_HEADER)).isNull();
        assertThat(submissionsUnder(key)).isEqualTo(1);
        assertThat(eventLog().eventsOf(retried.json().path("applicationId").asText())).extracting(StoredEvent::payloadSimpleName)
                .containsOnlyOnce("RefundApplicationSubmitted");
    }

    @Test
    void aRepeatWhileTheFirstIsStillRunningIsToldToWait() throws Exception {
        String key = newKey();
        String body = Submissions.valid();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration slow = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if ("req-idem-slow".equals(unitOfWork.getMessage().getMetaData().get(CommandMetadata.REQUEST_ID))) {
                holding.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return chain.proceed();
        });
        try {
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() ->
                    as(AGENT).post("/api/refunds", body, KEY, key, "X-Request-Id", "req-idem-slow"));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            Response whileRunning = as(AGENT).post("/api/refunds", body, KEY, key);

            assertThat(whileRunning.status()).as(whileRunning.toString()).isEqualTo(409);
            assertThat(whileRunning.contentType()).startsWith("application/problem+json");
            assertThat(whileRunning.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
            release.countDown();
            Response done = first.get(30, TimeUnit.SECONDS);
            assertThat(done.status()).as(done.toString()).isEqualTo(201);
            assertThat(submissionsUnder(key)).as("submissions under the key").isEqualTo(1);
        } finally {
            release.countDown();
            slow.cancel();
        }
    }

    @Test
    void ofManyConcurrentRequestsWithOneKeyExactlyOneRuns() throws Exception {
        String key = newKey();
        String body = Submissions.valid();
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return as(AGENT).post("/api/refunds", body, KEY, key);
                }));
            }
            start.countDown();
            for (Future<Response> response : sent) {
                responses.add(response.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> created = new HashSet<>();
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isIn(201, 409);
            if (response.status() == 201) {
                created.add(response.json().path("applicationId").asText());
            } else {
                assertThat(response.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
            }
        }
        assertThat(created).hasSize(1);
        assertThat(submissionsUnder(key)).as("submissions under the key").isEqualTo(1);
        // Once finished, the key answers everyone alike.
        await().atMost(10, TimeUnit.SECONDS).until(() -> "COMPLETED".equals(storedKey("agent", key).getString("state")));
        assertThat(as(AGENT).post("/api/refunds", body, KEY, key).json().path("applicationId").asText())
                .isEqualTo(created.iterator().next());
    }

    @Test
    void aClaimAbandonedByARequestThatDiedLongAgoIsTakenOver() throws Exception {
        String key = newKey();
        String body = Submissions.valid();
        String bodySha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        database.getCollection(IdempotencyKeys.COLLECTION).insertOne(new Document("_id", "agent:" + key)
                .append("principal", "agent").append("key", key)
                .append("method", "POST").append("path", "/api/refunds").append("bodySha256", bodySha256)
                .append("state", "IN_PROGRESS").append("claimId", "claim-of-a-dead-instance")
                .append("claimedAt", java.util.Date.from(NOW.minus(java.time.Duration.ofMinutes(6)))));

        Response response = as(AGENT).post("/api/refunds", body, KEY, key);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(submissionsUnder(key)).isEqualTo(1);
        assertThat(storedKey("agent", key).getString("state")).isEqualTo("COMPLETED");
    }

    /**
     * The instance stored the submission and died before recording its answer: the key is still "in progress". The
     * retry that takes the abandoned key over finds the application created under the key and answers with it.
     */
    @Test
    void aSubmissionWhoseInstanceDiedBeforeAnsweringIsFoundByTheRetryNotCreatedTwice() {
        String key = newKey();
        String body = Submissions.valid();
        Response first = as(AGENT).post("/api/refunds", body, KEY, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // What a SIGKILL between the append and the completion leaves behind.
        database.getCollection(IdempotencyKeys.COLLECTION).updateOne(Filters.eq("_id", "agent:" + key),
                new Document("$set", new Document("state", "IN_PROGRESS").append("claimId", "claim-of-a-dead-instance")
                        .append("claimedAt", java.util.Date.from(NOW.minus(java.time.Duration.ofMinutes(2)))))
                        .append("$unset", new Document("response", "").append("completedAt", "")));
        long commitsBefore = eventLog().commitCount();

        Response retry = as(AGENT).post("/api/refunds", body, KEY, key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(IdempotencyKeyFilter.REPLAYED_HEADER)).isNull();
        assertThat(retry.json().path("applicationId").asText()).isEqualTo(first.json().path("applicationId").asText());
        assertThat(retry.json().path("applicationNumber").asText()).isEqualTo(first.json().path("applicationNumber").asText());
        assertThat(submissionsUnder(key)).isEqualTo(1);
        assertThat(eventLog().commitCount()).as("nothing stored by the retry").isEqualTo(commitsBefore);
        assertThat(storedKey("agent", key).getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    void withoutAKeyEverySubmissionIsANewApplication() {
        String body = Submissions.valid();
        String first = as(AGENT).post("/api/refunds", body).json().path("applicationId").asText();
        String second = as(AGENT).post("/api/refunds", body).json().path("applicationId").asText();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aKeyThatIsTooLongOrNotPlainTextIsRefused() {
        long commitsBefore = eventLog().commitCount();

        for (String bad : List.of("k".repeat(256), "has space", "")) {
            Response response = as(AGENT).post("/api/refunds", Submissions.valid(), KEY, bad);
            assertThat(response.status()).as(bad + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        }
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
        assertThat(as(AGENT).post("/api/refunds", Submissions.valid(), KEY, "k".repeat(255)).status()).isEqualTo(201);
    }

    @Test
    void aRefusedCallerClaimsNoKey() {
        String key = newKey();

        Response forbidden = as(REVIEWER).post("/api/refunds", Submissions.valid(), KEY, key);

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(storedKey("reviewer", key)).isNull();
    }
}
