package io.refundledger.command.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.refundledger.command.CommandSideApplication;
import io.refundledger.command.subscription.process.CancellationProcessRunner;
import io.refundledger.command.testing.EventLog;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator in its own profile, against a fresh embedded database: a small history of 40 refund applications and
 * 5 subscriptions over 45 simulated days, written through the real command handlers, read back from the event store.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A fixed start: the same seed then writes the same history on every run.
        properties = {"generate.run-on-startup=false", "generate.start=2026-03-02T00:00:00Z",
                // The generator runs the SLA monitor and the cancellation process itself, in simulated time, so the
                // log is complete when it returns; nothing is to be sent in a test.
                "ledger.sla.escalation.enabled=false", "ledger.subscriptions.process.enabled=false",
                "ledger.notifications.dispatch.enabled=false"})
@ActiveProfiles(GeneratorConfiguration.PROFILE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratingHistoriesTest {

    private static final String MONGO_URI = TestMongo.freshDatabaseUri();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("ledger.mongodb.uri", () -> MONGO_URI);
    }

    @Autowired
    HistoryGenerator generator;
    @Autowired
    SimulatedClock clock;
    @Autowired
    MongoDatabase database;

    private GenerationPlan plan;
    private GenerationReport report;
    /** Every stored event, in log order. */
    private List<Stored> events;

    @BeforeAll
    void generateOnce() {
        Instant from = clock.instant();
        plan = new GenerationPlan(40, 5, 7, from, from.plus(Duration.ofDays(45)), Duration.ofHours(6));
        report = generator.generate(plan);
        System.out.println(report.summary());
        events = readLog();
    }

    @Test
    void everyCommandIsAcceptedAndEveryCaseIsReported() {
        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(report.cases()).hasSize(45);
        assertThat(report.cases().stream().filter(c -> c.scenario().startsWith("SUBSCRIPTION_"))).hasSize(5);
        assertThat(report.processorsCaughtUp()).isTrue();
        assertThat(report.commandCount()).isEqualTo(events.stream().map(Stored::requestId)
                .filter(id -> id != null && id.startsWith("gen-")).distinct().count());
    }

    @Test
    void everyRefundScenarioHappensAndLeavesItsMark() {
        // What each scenario always records, and what it records once the application is approved (finance may
        // refuse the second approval of any application above the threshold, and then the course ends there).
        Map<String, Set<String>> always = Map.of(
                "PAID_STRAIGHT", Set.of("RefundApplicationAssigned"),
                "INFORMATION_REQUESTED", Set.of("MoreInformationRequested", "MoreInformationProvided"),
                "REJECTED", Set.of("RefundApplicationRejected"),
                "REJECTED_THEN_RESUBMITTED", Set.of("RefundApplicationRejected", "RefundApplicationResubmitted"),
                "RETURN_AND_REFUND", Set.of(),
                "EXCHANGE", Set.of(),
                "PAYOUT_FAILED_THEN_RETRIED", Set.of(),
                "WITHDRAWN", Set.of("RefundApplicationWithdrawn"),
                "FOUR_EYES", Set.of("FirstApprovalGiven"),
                "POLICY_EXCEPTION", Set.of("RefundPolicyEvaluated"));
        Map<String, Set<String>> onceApproved = Map.of(
                "PAID_STRAIGHT", Set.of("PayoutStarted", "PayoutSucceeded"),
                "RETURN_AND_REFUND", Set.of("ReturnAuthorized", "ReturnShipped", "ReturnReceived", "ReturnInspected"),
                "EXCHANGE", Set.of("ReturnAuthorized", "ReturnShipped", "ReturnReceived", "ReturnInspected"),
                "PAYOUT_FAILED_THEN_RETRIED", Set.of("PayoutFailed", "PayoutSucceeded"));
        Map<String, List<String>> eventsByAggregate = events.stream().collect(Collectors.groupingBy(Stored::aggregateId,
                Collectors.mapping(Stored::type, Collectors.toList())));
        Set<String> completedScenarios = new TreeSet<>();
        for (GenerationReport.CaseOutcome outcome : report.cases()) {
            if (!outcome.complete() || !always.containsKey(outcome.scenario())) {
                continue;
            }
            completedScenarios.add(outcome.scenario());
            List<String> history = eventsByAggregate.get(outcome.id());
            assertThat(history).as(outcome.toString())
                    .contains("RefundApplicationSubmitted")
                    .containsAll(always.get(outcome.scenario()));
            if (history.contains("RefundApplicationApproved")) {
                assertThat(history).as(outcome.toString()).containsAll(onceApproved.getOrDefault(outcome.scenario(), Set.of()));
            }
        }
        assertThat(completedScenarios).isEqualTo(always.keySet());
    }

    @Test
    void outcomesFollowTheRulesTheScenariosExercise() {
        // Exceptions to the policy are approved only with a written justification.
        for (Stored approval : ofType("RefundApplicationApproved", "FirstApprovalGiven")) {
            String scenario = scenarioOf(approval.aggregateId());
            if (scenario.equals("POLICY_EXCEPTION")) {
                assertThat(approval.payload().path("exceptionJustification").asText()).isNotBlank();
            }
        }
        // Above the threshold finance gives the second approval, never the first approver.
        for (Stored approval : ofType("RefundApplicationApproved")) {
            if (approval.payload().hasNonNull("firstApprovedBy")) {
                assertThat(approval.actor()).isEqualTo("finance")
                        .isNotEqualTo(approval.payload().path("firstApprovedBy").asText());
            }
        }
        // A failed payout is retried by bank transfer.
        Set<String> failed = ofType("PayoutFailed").stream().map(Stored::aggregateId).collect(Collectors.toSet());
        assertThat(failed).isNotEmpty();
        for (Stored started : ofType("PayoutStarted")) {
            if (failed.contains(started.aggregateId()) && started.payload().path("attempt").asInt() > 1) {
                assertThat(started.payload().path("method").asText()).isEqualTo("BANK_TRANSFER");
            }
        }
    }

    @Test
    void everyAggregateSequenceIsGaplessAndEveryEventLiesInTheSimulatedPeriod() {
        EventLog log = new EventLog(database);
        Map<String, List<Long>> sequences = new HashMap<>();
        for (Stored event : events) {
            if (event.aggregateType() != null) {
                sequences.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event.sequence());
            }
        }
        for (GenerationReport.CaseOutcome outcome : report.cases()) {
            List<Long> stored = sequences.get(outcome.id());
            assertThat(stored).as(outcome.id()).isNotEmpty();
            List<Long> sorted = stored.stream().sorted().toList();
            assertThat(sorted).as("sequence of " + outcome.id())
                    .isEqualTo(java.util.stream.LongStream.range(0, stored.size()).boxed().toList());
            assertThat(log.eventsOf(outcome.id())).hasSize(stored.size());
        }
        Instant previous = plan.from();
        for (Stored event : events) {
            assertThat(event.timestamp()).as(event.type()).isBetween(plan.from(), plan.to().plusSeconds(1));
            // The log is written in time order: one timeline, a clock that only moves forwards.
            assertThat(event.timestamp()).isAfterOrEqualTo(previous);
            previous = event.timestamp();
        }
    }

    @Test
    void commandsCarryWhoSentThemAsTheApiWould() {
        // Settlement refunds of cancelled subscriptions are submitted by the cancellation process, not by the generator.
        List<Stored> submissions = ofType("RefundApplicationSubmitted").stream()
                .filter(submitted -> submitted.payload().path("subscriptionId").isNull()).toList();
        assertThat(submissions).hasSize(40);
        for (Stored submitted : submissions) {
            assertThat(submitted.metaData().path("actor").asText()).isEqualTo("agent");
            assertThat(submitted.metaData().path("actorRoles").asText()).isEqualTo("CUSTOMER_SERVICE");
            assertThat(submitted.metaData().path("channel").asText()).isEqualTo(HistoryGenerator.CHANNEL);
            assertThat(submitted.metaData().path("customerChannel").asText()).isIn("ONLINE", "OFFLINE");
            assertThat(submitted.payload().path("customerSegment").asText()).isIn("CONSUMER", "SMB", "MID_MARKET", "ENTERPRISE");
            assertThat(submitted.payload().path("productId").asText()).isIn(
                    Catalogue.PRODUCTS.stream().map(Product::productId).toList());
            // Numbered by the simulated business day, not by the day the generator ran.
            LocalDate day = LocalDate.ofInstant(submitted.timestamp(), SHANGHAI);
            assertThat(submitted.payload().path("applicationNumber").asText())
                    .startsWith("RF-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-");
        }
        for (Stored decision : ofType("RefundApplicationRejected", "FirstApprovalGiven", "ReturnInspected")) {
            if (!"scheduler".equals(decision.metaData().path("channel").asText())) {
                assertThat(decision.actor()).isIn("reviewer", "reviewer2", "finance");
            }
        }
        for (Stored payout : ofType("PayoutStarted", "PayoutSucceeded", "PayoutFailed")) {
            assertThat(payout.actor()).isEqualTo("finance");
        }
        assertThat(ofType("SubscriptionStarted")).hasSize(5)
                .allSatisfy(started -> assertThat(started.actor()).isEqualTo("agent"));
    }

    @Test
    void settlementRefundsAreReviewedAndPaidByStaffLikeAnyRefund() {
        Map<String, List<String>> eventsByAggregate = events.stream().collect(Collectors.groupingBy(Stored::aggregateId,
                Collectors.mapping(Stored::type, Collectors.toList())));
        List<Stored> opened = ofType("RefundApplicationSubmitted").stream()
                .filter(submitted -> !submitted.payload().path("subscriptionId").isNull()).toList();
        assertThat(opened).as("refunds opened by the cancellation process").isNotEmpty();
        int followedThrough = 0;
        for (Stored submitted : opened) {
            assertThat(submitted.actor()).isEqualTo(CancellationProcessRunner.SYSTEM_ACTOR);
            if (submitted.timestamp().isAfter(plan.to().minus(Duration.ofDays(10)))) {
                continue; // may still be under way when the period ends
            }
            assertThat(eventsByAggregate.get(submitted.aggregateId())).as(submitted.aggregateId())
                    .contains("RefundApplicationAssigned", "RefundApplicationApproved", "PayoutStarted", "PayoutSucceeded");
            String subscriptionId = submitted.payload().path("subscriptionId").asText();
            assertThat(ofType("SettlementStatusChanged").stream().filter(e -> e.aggregateId().equals(subscriptionId))
                    .map(e -> e.payload().path("status").asText())).as(subscriptionId).contains("REFUND_PAID");
            followedThrough++;
        }
        assertThat(followedThrough).as("settlement refunds followed to the end").isPositive();
        for (Stored decision : ofType("RefundApplicationApproved", "PayoutStarted", "PayoutSucceeded")) {
            if (opened.stream().anyMatch(o -> o.aggregateId().equals(decision.aggregateId()))) {
                assertThat(decision.actor()).isIn("reviewer", "reviewer2", "finance");
            }
        }
    }

    // ---- reading the log ----

    private List<Stored> ofType(String... types) {
        Set<String> wanted = Set.of(types);
        return events.stream().filter(e -> wanted.contains(e.type())).toList();
    }

    /** The scenario of a case; a settlement refund (opened by the cancellation process) is no case of its own. */
    private String scenarioOf(String aggregateId) {
        return report.cases().stream().filter(c -> c.id().equals(aggregateId)).findFirst()
                .map(GenerationReport.CaseOutcome::scenario).orElse("SETTLEMENT_REFUND");
    }

    private List<Stored> readLog() {
        List<Stored> stored = new ArrayList<>();
        for (Document commit : database.getCollection(MongoCommitLogStorageEngine.COMMITS).find()
                .sort(new Document("_id", 1))) {
            for (Document event : commit.getList("events", Document.class)) {
                stored.add(new Stored(event.getLong("position"), event.getString("aggregateType"),
                        event.getString("aggregateId"), event.getLong("sequence"),
                        Instant.parse(event.getString("timestamp")), simpleName(event.getString("payloadType")),
                        parse(event.getString("payload")), parse(event.getString("metaData"))));
            }
        }
        return stored;
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private record Stored(long position, String aggregateType, String aggregateId, long sequence, Instant timestamp,
                          String type, JsonNode payload, JsonNode metaData) {

        String actor() {
            return metaData.path("actor").asText(null);
        }

        String requestId() {
            return metaData.path("requestId").asText(null);
        }
    }
}
