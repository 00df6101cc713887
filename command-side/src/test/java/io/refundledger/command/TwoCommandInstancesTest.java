package io.refundledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.command.notification.NotificationOutbox;
import io.refundledger.command.subscription.process.SettlementRefunds;
import io.refundledger.command.testing.DemoUsers;
import io.refundledger.command.testing.EventLog;
import io.refundledger.command.testing.Submissions;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-side instances (two Spring contexts, each with its own node id and HTTP port) on one database, as
 * {@code ./run.sh cluster} and the compose file run them. Both run their schedulers, every 200 ms. The same decision
 * sent to both at once succeeds once and is refused once, never applied twice; the notification dispatchers and the
 * cancellation process runners of both instances, finding the same due work, do every step exactly once.
 */
class TwoCommandInstancesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T17:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();
    private static MongoDatabase database;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void twoInstances() {
        String uri = TestMongo.freshDatabaseUri();
        portA = port(start("command-a", uri));
        portB = port(start("command-b", uri));
        database = INSTANCES.get(0).getBean(MongoDatabase.class);
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theSameDecisionSentToBothInstancesAtOnceIsTakenOnceAndRefusedOnce() throws Exception {
        for (int round = 0; round < 8; round++) {
            String id = submit(portA);
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<HttpResponse<String>> viaA = CompletableFuture.supplyAsync(() -> approve(portA, id, together));
            CompletableFuture<HttpResponse<String>> viaB = CompletableFuture.supplyAsync(() -> approve(portB, id, together));
            List<HttpResponse<String>> answers = List.of(viaA.get(), viaB.get());

            String seen = answers.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString();
            assertThat(answers).as(seen).filteredOn(r -> r.statusCode() == 200).hasSize(1);
            HttpResponse<String> loser = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElseThrow();
            // The loser lost the race in the store (409 CONCURRENT_MODIFICATION), or came second and met the approved
            // application (409 REFUND_NOT_AWAITING_REVIEW), or loaded the application before and the order's ledger
            // after the winner's commit, and met the winner's reservation for this very application (409
            // ALREADY_RESERVED). Always a conflict, never a rule it broke; it wrote nothing.
            String code = JSON.readTree(loser.body()).path("code").asText();
            assertThat(loser.statusCode() + " " + code).as(seen).isIn("409 CONCURRENT_MODIFICATION",
                    "409 REFUND_NOT_AWAITING_REVIEW", "409 ALREADY_RESERVED");
            assertThat(events(id)).filteredOn("RefundApplicationApproved"::equals).hasSize(1);
        }
    }

    @Test
    void bothDispatchersSendEachNotificationOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(submit(i % 2 == 0 ? portA : portB));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outbox(ids))
                .isNotEmpty().allSatisfy(n -> assertThat(n.getString("status")).isEqualTo("SENT")));
        // Every claim counts an attempt: one per entry means no second instance ever held one.
        assertThat(outbox(ids)).allSatisfy(n -> assertThat(n.getInteger("attempts")).as(n.toJson()).isEqualTo(1));
    }

    @Test
    void bothProcessRunnersCarryOutEachCancellationStepOnce() throws Exception {
        String subscriptionId = "S-TWO-" + UUID.randomUUID();
        assertThat(post(portA, "agent", "/api/subscriptions", """
                {"subscriptionId":"%s","customerId":"C-TWO","customerSegment":"SMB","planCode":"CRM-MOBILE-PRO",
                 "productId":"P-CRM-MOBILE","seats":"5","termStart":"2026-11-01","termEnd":"2027-11-01",
                 "prepaidAmount":{"amount":"1200.00","currency":"CNY"},
                 "terms":{"minimumTermMonths":"0","noticePeriodDays":"30","dataRetentionDays":"30"},
                 "autoRenewal":"true","contact":{"name":"李雷","email":"li.lei@example.com"}}
                """.formatted(subscriptionId)).statusCode()).isEqualTo(201);
        HttpResponse<String> cancelled = post(portB, "agent", "/api/subscriptions/" + subscriptionId + "/cancellation",
                "{\"reason\":\"NO_LONGER_NEEDED\",\"effect\":\"IMMEDIATELY\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(201);
        String refundId = SettlementRefunds.applicationIdFor(JSON.readTree(cancelled.body()).path("cancellationId").asText());

        await().atMost(Duration.ofSeconds(60)).until(() -> events(subscriptionId).contains("SettlementRefundRequested"));
        Thread.sleep(2_000); // both runners keep running every 200 ms: time for a second attempt at any step

        List<String> steps = events(subscriptionId);
        for (String step : List.of("SubscriptionDataExportRequested", "SubscriptionDataExportCompleted",
                "SubscriptionAccountsDeactivated", "SubscriptionTerminated", "SettlementRefundRequested")) {
            assertThat(steps).as(steps.toString()).filteredOn(step::equals).hasSize(1);
        }
        assertThat(events(refundId)).filteredOn("RefundApplicationSubmitted"::equals).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static ConfigurableApplicationContext start(String nodeId, String uri) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("sharedClock", Clock.class, () -> CLOCK,
                        (BeanDefinitionCustomizer) bd -> bd.setPrimary(true)))
                // Arguments, not default properties: those lose against application.yml.
                .run("--server.port=0", "--ledger.mongodb.uri=" + uri, "--ledger.mongodb.node-id=" + nodeId,
                        "--axoniq.update-checker.disabled=true",
                        "--ledger.notifications.dispatch.interval=PT0.2S",
                        "--ledger.subscriptions.process-interval=PT0.2S",
                        "--ledger.limits.rate.enabled=false");
        INSTANCES.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String submit(int port) {
        HttpResponse<String> response = post(port, "agent", "/api/refunds", Submissions.valid());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            return JSON.readTree(response.body()).path("applicationId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> approve(int port, String id, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return post(port, "reviewer", "/api/refunds/" + id + "/approve", null);
    }

    private static HttpResponse<String> post(int port, String user, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", DemoUsers.basicAuth(user));
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> events(String aggregateId) {
        return new EventLog(database).eventsOf(aggregateId).stream().map(EventLog.StoredEvent::payloadSimpleName).toList();
    }

    private static List<Document> outbox(List<String> applicationIds) {
        return database.getCollection(NotificationOutbox.OUTBOX).find(Filters.in("applicationId", applicationIds))
                .into(new ArrayList<>());
    }
}
