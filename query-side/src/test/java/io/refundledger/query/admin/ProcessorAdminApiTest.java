package io.refundledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.finance.FinanceReportsProjection;
import io.refundledger.query.finance.FinanceReportsStore;
import io.refundledger.query.rebuild.GenerationalDatabase;
import io.refundledger.query.rebuild.ReadModelGenerations;
import io.refundledger.query.testing.GeneratedHistory;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a read model over HTTP, as an admin does it: the processors' status, a replay with its progress, and
 * the same read model afterwards. A generated history (dated 2035, apart from other tests' data) gives the replay
 * enough to do to be watched.
 */
class ProcessorAdminApiTest extends QuerySideIntegrationTest {

    private static final String FINANCE_REPORTS = FinanceReportsProjection.PROCESSING_GROUP;
    private static boolean generated;

    @Autowired
    private MongoDatabase database;
    @Autowired
    private EventProcessingConfiguration processing;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void history() {
        if (!generated) {
            GeneratedHistory.of(3_035).startingAt(Instant.parse("2035-01-01T00:00:00Z")).days(30)
                    .applications(120).appendTo(eventStore);
            generated = true;
        }
        awaitCaughtUp(FINANCE_REPORTS);
    }

    @Test
    void theStatusListsEveryProcessorWithItsPositionAndLagBehindTheHead() throws Exception {
        JsonNode all = get("/api/admin/processors");

        assertThat(all.path("headPosition").asLong()).isEqualTo(headPosition());
        List<String> names = new ArrayList<>();
        all.path("processors").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("refund-progress", "order-refunds", "account-balances", "audit-history", FINANCE_REPORTS);
        JsonNode finance = processor(all, FINANCE_REPORTS);
        assertThat(finance.path("running").asBoolean()).isTrue();
        assertThat(finance.path("replaying").asBoolean()).isFalse();
        assertThat(finance.path("lag").asLong()).isZero();
        assertThat(finance.path("segments")).singleElement()
                .satisfies(s -> assertThat(s.path("position").asLong()).isEqualTo(headPosition()));
    }

    @Test
    void aReplayRebuildsTheReadModelAsItWasReportingItsProgressAndRefusesASecondReplayMeanwhile() throws Exception {
        List<Document> before = snapshot();

        ResponseEntity<String> started = post("admin", "/api/admin/processors/" + FINANCE_REPORTS + "/replay");
        ResponseEntity<String> again = post("admin", "/api/admin/processors/" + FINANCE_REPORTS + "/replay");

        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        assertThat(started.getHeaders().getLocation().getPath()).isEqualTo("/api/admin/processors/" + FINANCE_REPORTS);
        JsonNode startedStatus = json.readTree(started.getBody());
        assertThat(startedStatus.path("replaying").asBoolean()).isTrue();
        assertThat(startedStatus.path("replayProgressPercent").isNumber()).isTrue();
        assertProblem(again, 409, "REPLAY_IN_PROGRESS");
        List<Double> progress = new ArrayList<>();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = get(started.getHeaders().getLocation().getPath());
            if (status.path("replaying").asBoolean()) {
                progress.add(status.path("replayProgressPercent").asDouble());
                return false;
            }
            return status.path("lag").asLong() == 0;
        });
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(progress).isSorted();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBlueGreenRebuildFillsTheNextGenerationWhileTheCurrentOneAnswersAndThenSwitchesToIt() throws Exception {
        List<Document> before = snapshot();
        int answering = get("/api/admin/processors/" + FINANCE_REPORTS).path("generation").asInt();

        ResponseEntity<String> started = post("admin", "/api/admin/processors/" + FINANCE_REPORTS + "/rebuild");
        List<Document> whileRebuilding = snapshot();
        ResponseEntity<String> again = post("admin", "/api/admin/processors/" + FINANCE_REPORTS + "/rebuild");
        ResponseEntity<String> replay = post("admin", "/api/admin/processors/" + FINANCE_REPORTS + "/replay");

        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        assertThat(started.getHeaders().getLocation().getPath()).isEqualTo("/api/admin/processors/" + FINANCE_REPORTS);
        JsonNode startedStatus = json.readTree(started.getBody());
        assertThat(startedStatus.path("generation").asInt()).isEqualTo(answering);
        assertThat(startedStatus.path("rebuild").path("generation").asInt()).isEqualTo(answering + 1);
        assertThat(startedStatus.path("replaying").asBoolean()).as("the live processor goes on as it was").isFalse();
        assertThat(whileRebuilding).as("queries answer from the current generation meanwhile").isEqualTo(before);
        assertProblem(again, 409, "REBUILD_IN_PROGRESS");
        assertProblem(replay, 409, "REBUILD_IN_PROGRESS");

        List<Double> progress = new ArrayList<>();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = get(started.getHeaders().getLocation().getPath());
            if (!status.path("rebuild").isNull()) {
                progress.add(status.path("rebuild").path("progressPercent").asDouble());
                return false;
            }
            return status.path("generation").asInt() == answering + 1 && status.path("running").asBoolean()
                    && status.path("lag").asLong() == 0 && status.path("segments").size() > 0;
        });
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(snapshot()).as("the new generation holds the very same read model").isEqualTo(before);
        assertThat(GenerationalDatabase.raw(database).listCollectionNames().into(new ArrayList<>()))
                .contains(ReadModelGenerations.physicalName(FinanceReportsStore.APPLICATIONS, answering + 1));
    }

    @Test
    void aRebuildGivenUpLeavesTheCurrentGenerationAnsweringAndANewOneMayStart() throws Exception {
        List<Document> before = snapshot();
        int answering = get("/api/admin/processors/" + FINANCE_REPORTS).path("generation").asInt();
        String path = "/api/admin/processors/" + FINANCE_REPORTS + "/rebuild";

        ResponseEntity<String> started = post("admin", path);
        ResponseEntity<String> givenUp = delete("admin", path);
        ResponseEntity<String> givenUpAgain = delete("admin", path);
        ResponseEntity<String> byAReviewer = delete("reviewer", path);

        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        assertThat(givenUp.getStatusCode().value()).as(givenUp.getBody()).isEqualTo(200);
        JsonNode status = json.readTree(givenUp.getBody());
        assertThat(status.path("generation").asInt()).isEqualTo(answering);
        assertThat(status.path("rebuild").isNull()).as(givenUp.getBody()).isTrue();
        assertProblem(givenUpAgain, 409, "NO_REBUILD_IN_PROGRESS");
        assertThat(byAReviewer.getStatusCode().value()).isEqualTo(403);
        assertThat(snapshot()).as("the current generation answers as before").isEqualTo(before);

        ResponseEntity<String> next = post("admin", path);
        assertThat(next.getStatusCode().value()).as(next.getBody()).isEqualTo(202);
        assertThat(json.readTree(next.getBody()).path("rebuild").path("generation").asInt()).isEqualTo(answering + 1);
        assertThat(delete("admin", path).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void whenAnInstanceClaimsTheFinanceSegmentItCompletesTheMonthCellsFromTheirDaysFirst() throws Exception {
        MongoCollection<Document> monthCells = database.getCollection(FinanceReportsStore.MONTH_TOTALS);
        Document january = monthCells.find(Filters.regex("_id", "^2035-01\\|")).first();
        assertThat(january).as("a month cell of the generated history").isNotNull();
        // What an instance of the version without month cells may leave behind while it holds the segment.
        monthCells.deleteOne(Filters.eq("_id", january.get("_id")));

        processing.eventProcessor(FINANCE_REPORTS, StreamingEventProcessor.class).orElseThrow().releaseSegment(0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/admin/processors/" + FINANCE_REPORTS).path("segments").size() > 0);
        // Events of another month: only the check after the claim can bring January's cell back.
        GeneratedHistory.of(3_036).startingAt(Instant.parse("2035-03-01T00:00:00Z")).days(1).applications(3).appendTo(eventStore);
        awaitCaughtUp(FINANCE_REPORTS);

        assertThat(monthCells.find(Filters.eq("_id", january.get("_id"))).first()).isEqualTo(january);
    }

    @Test
    void anUnknownProcessorIsNotFound() throws Exception {
        assertProblem(post("admin", "/api/admin/processors/no-such-thing/replay"), 404, "PROCESSOR_NOT_FOUND");
        assertProblem(post("admin", "/api/admin/processors/no-such-thing/rebuild"), 404, "PROCESSOR_NOT_FOUND");
        assertProblem(delete("admin", "/api/admin/processors/no-such-thing/rebuild"), 404, "PROCESSOR_NOT_FOUND");
        assertProblem(as("admin").getForEntity("/api/admin/processors/no-such-thing", String.class), 404, "PROCESSOR_NOT_FOUND");
    }

    @Test
    void onlyAdminsMayLookOrReplay() {
        for (String user : List.of("agent", "reviewer", "finance", "auditor")) {
            assertThat(as(user).getForEntity("/api/admin/processors", String.class).getStatusCode().value()).isEqualTo(403);
            assertThat(post(user, "/api/admin/processors/" + FINANCE_REPORTS + "/replay").getStatusCode().value()).isEqualTo(403);
            assertThat(post(user, "/api/admin/processors/" + FINANCE_REPORTS + "/rebuild").getStatusCode().value()).isEqualTo(403);
        }
        assertThat(anonymous.getForEntity("/api/admin/processors", String.class).getStatusCode().value()).isEqualTo(401);
    }

    private void awaitCaughtUp(String name) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode status = get("/api/admin/processors/" + name);
            return !status.path("replaying").asBoolean() && status.path("lag").asLong() == 0
                    && status.path("segments").size() > 0;
        });
    }

    private List<Document> snapshot() {
        List<Document> all = new ArrayList<>();
        for (String name : FinanceReportsStore.COLLECTIONS) {
            database.getCollection(name).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }

    private static JsonNode processor(JsonNode all, String name) {
        for (JsonNode p : all.path("processors")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no processor " + name + " in " + all);
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = as("admin").getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<String> post(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>("{}", headers), String.class);
    }

    private ResponseEntity<String> delete(String user, String path) {
        return as(user).exchange(path, HttpMethod.DELETE, HttpEntity.EMPTY, String.class);
    }

    private void assertProblem(ResponseEntity<String> response, int status, String code) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(response.getBody()).path("code").asText()).isEqualTo(code);
    }
}
