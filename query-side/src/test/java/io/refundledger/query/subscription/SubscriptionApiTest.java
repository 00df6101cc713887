package io.refundledger.query.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.query.QuerySideIntegrationTest;
import io.refundledger.query.refund.RefundEvents;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.subscription.SubscriptionEvents.AGGREGATE_TYPE;
import static io.refundledger.query.subscription.SubscriptionEvents.CANCELLED_AT;
import static io.refundledger.query.subscription.SubscriptionEvents.autoRenewalOff;
import static io.refundledger.query.subscription.SubscriptionEvents.by;
import static io.refundledger.query.subscription.SubscriptionEvents.bySystem;
import static io.refundledger.query.subscription.SubscriptionEvents.cancellationRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.cny;
import static io.refundledger.query.subscription.SubscriptionEvents.contact;
import static io.refundledger.query.subscription.SubscriptionEvents.deactivated;
import static io.refundledger.query.subscription.SubscriptionEvents.exportCompleted;
import static io.refundledger.query.subscription.SubscriptionEvents.exportRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.keyId;
import static io.refundledger.query.subscription.SubscriptionEvents.newSubscriptionId;
import static io.refundledger.query.subscription.SubscriptionEvents.purged;
import static io.refundledger.query.subscription.SubscriptionEvents.refundRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.refundSubmitted;
import static io.refundledger.query.subscription.SubscriptionEvents.settlement;
import static io.refundledger.query.subscription.SubscriptionEvents.settlementStatus;
import static io.refundledger.query.subscription.SubscriptionEvents.started;
import static io.refundledger.query.subscription.SubscriptionEvents.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscription status, cancellation progress and the subscription's audit history over HTTP, with events appended
 * through the real event store, the processors running and the contact encrypted by the real vault.
 */
class SubscriptionApiTest extends QuerySideIntegrationTest {

    private static final String REFUND_TYPE = RefundEvents.AGGREGATE_TYPE;

    @Autowired
    private PersonalDataVault vault;
    @Autowired
    private SubscriptionStatusStore store;
    @Autowired
    private MongoDatabase database;

    private final ObjectMapper json = new ObjectMapper();

    private String subscriptionId;
    private String customerId;
    private String cancellationId;
    private String refundId;
    private String refundNumber;
    private String name;
    private String email;
    private long sequence;
    private long refundSequence;
    private long last;

    @BeforeEach
    void aSubscriptionCancelledAndItsRefundPaid() {
        subscriptionId = newSubscriptionId();
        customerId = "C-" + subscriptionId;
        cancellationId = "CX-" + subscriptionId;
        refundId = RefundEvents.newApplicationId();
        refundNumber = RefundEvents.newApplicationNumber();
        // Unique per test, so a scan of the whole shared database finds only this test's contact.
        name = "张伟-" + subscriptionId;
        email = subscriptionId.toLowerCase() + "@example.cn";
        String exportId = "EX-" + subscriptionId;

        subscription(started(subscriptionId, customerId, contact(vault, subscriptionId, name, email)), by("agent", "CUSTOMER_SERVICE"));
        subscription(cancellationRequested(subscriptionId, cancellationId, customerId), by("agent", "CUSTOMER_SERVICE"));
        subscription(settlement(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        subscription(autoRenewalOff(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        subscription(exportRequested(subscriptionId, cancellationId, exportId), bySystem());
        subscription(exportCompleted(subscriptionId, exportId), bySystem());
        subscription(deactivated(subscriptionId, cancellationId), bySystem());
        subscription(terminated(subscriptionId, cancellationId), bySystem());
        refund(refundSubmitted(refundId, refundNumber, subscriptionId, customerId), bySystem());
        subscription(refundRequested(subscriptionId, cancellationId, refundId, refundNumber), bySystem());
        Instant approvedAt = CANCELLED_AT.plusSeconds(3600);
        refund(RefundEvents.approved(refundId, cny("441.10"), approvedAt), by("reviewer", "REVIEWER"));
        subscription(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_APPROVED, approvedAt), bySystem());
        Instant paidAt = approvedAt.plusSeconds(600);
        refund(RefundEvents.payoutStarted(refundId, "P-1", cny("441.10"), PayoutMethod.ORIGINAL_PAYMENT, 1, paidAt.minusSeconds(60)),
                by("finance", "FINANCE"));
        refund(RefundEvents.payoutSucceeded(refundId, "P-1", cny("441.10"), PayoutMethod.ORIGINAL_PAYMENT, paidAt), by("finance", "FINANCE"));
        subscription(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_PAID, paidAt), bySystem());
        awaitApplied(last);
    }

    @Test
    void an_agent_sees_the_subscription_its_cancellation_step_by_step_and_the_linked_refund_paid() throws Exception {
        JsonNode view = get("agent", "/api/subscriptions/" + subscriptionId);

        assertThat(view.path("status").asText()).isEqualTo("TERMINATED");
        assertThat(view.path("contact").path("email").asText()).isEqualTo(email);
        assertThat(view.path("currentTerm").path("prepaidAmount").toString()).isEqualTo("{\"amount\":\"1200.00\",\"currency\":\"CNY\"}");
        JsonNode cancellation = view.path("cancellation");
        assertThat(cancellation.path("reason").asText()).isEqualTo("PRICE");
        assertThat(cancellation.path("settlement").path("lines").findValuesAsText("kind")).containsExactly("PREPAID_FOR_TERM",
                "UNUSED_PREPAID_VALUE", "EARLY_TERMINATION_PENALTY", "DISCOUNT_CLAWBACK", "NET_REFUND");
        assertThat(cancellation.path("settlement").path("lines").get(1).path("explanation").asText())
                .isEqualTo("1200.00 CNY × 195 / 365 days");
        assertThat(cancellation.path("refund").path("applicationNumber").asText()).isEqualTo(refundNumber);
        assertThat(cancellation.path("refund").path("refundStatus").asText()).isEqualTo("PAID");
        assertThat(cancellation.path("refund").path("settlementStatus").asText()).isEqualTo("REFUND_PAID");
        assertThat(cancellation.path("termination").path("confirmationNumber").asText()).isEqualTo("TC-20260619-000007");
        assertThat(cancellation.path("steps").get(0).path("description").path("zh-CN").asText()).startsWith("客户申请退订，立即生效，原因：价格");
        assertThat(cancellation.path("steps").get(0).path("description").path("en").asText())
                .startsWith("The customer asked to cancel, effective immediately, reason: price");
        assertThat(view.path("nextStep").path("action").asText()).isEqualTo("PERSONAL_DATA_PURGE");
        assertThat(view.path("currentOwner").path("role").asText()).isEqualTo("SYSTEM");

        JsonNode progress = get("finance", "/api/subscriptions/" + subscriptionId + "/cancellation");
        assertThat(progress.path("cancellation")).isEqualTo(cancellation);
        assertThat(progress.path("subscriptionStatus").asText()).isEqualTo("TERMINATED");
        assertThat(progress.has("contact")).as("the cancellation progress carries no personal data").isFalse();

        JsonNode ofCustomer = get("reviewer", "/api/customers/" + customerId + "/subscriptions");
        assertThat(ofCustomer.findValuesAsText("subscriptionId")).containsExactly(subscriptionId);
        assertThat(get("agent", "/api/customers/C-NOBODY-" + subscriptionId + "/subscriptions").size()).isZero();
    }

    @ParameterizedTest(name = "{0} may read subscriptions")
    @ValueSource(strings = {"agent", "reviewer", "finance", "auditor", "admin"})
    void every_staff_role_may_read_and_nobody_anonymously(String user) {
        for (String path : List.of("/api/subscriptions/" + subscriptionId, "/api/subscriptions/" + subscriptionId + "/cancellation",
                "/api/customers/" + customerId + "/subscriptions")) {
            assertThat(as(user).getForEntity(path, String.class).getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.OK);
            assertThat(anonymous.getForEntity(path, String.class).getStatusCode()).as("anonymous " + path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void an_unknown_subscription_is_a_404_problem_and_so_is_the_cancellation_of_one_never_cancelled() throws Exception {
        ResponseEntity<String> unknown = as("agent").getForEntity("/api/subscriptions/{id}", String.class, newSubscriptionId());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(unknown.getBody()).path("code").asText()).isEqualTo("SUBSCRIPTION_NOT_FOUND");

        String active = newSubscriptionId();
        long position = publish(AGGREGATE_TYPE, active, 0, started(active, "C-" + active, null), by("agent", "CUSTOMER_SERVICE"));
        await().until(() -> store.findById(active).map(SubscriptionStatusView::lastAppliedPosition).orElse(0L) >= position);
        ResponseEntity<String> never = as("agent").getForEntity("/api/subscriptions/{id}/cancellation", String.class, active);
        assertThat(never.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(never.getBody()).path("code").asText()).isEqualTo("SUBSCRIPTION_CANCELLATION_NOT_FOUND");
    }

    @Test
    void auditors_read_the_subscriptions_history_with_descriptions_and_case_workers_may_not() throws Exception {
        await().until(() -> {
            ResponseEntity<String> r = as("auditor").getForEntity("/api/audit/subscriptions/" + subscriptionId + "/history", String.class);
            return r.getStatusCode() == HttpStatus.OK && json.readTree(r.getBody()).path("entries").size() == 11;
        });
        JsonNode history = get("auditor", "/api/audit/subscriptions/" + subscriptionId + "/history");
        assertThat(history.path("aggregateType").asText()).isEqualTo(AGGREGATE_TYPE);
        JsonNode request = history.path("entries").get(1);
        assertThat(request.path("eventType").asText()).isEqualTo("SubscriptionCancellationRequested");
        assertThat(request.path("actor").asText()).isEqualTo("agent");
        assertThat(request.path("description").path("zh-CN").asText()).startsWith("客户申请退订，立即生效，原因：价格");
        JsonNode settled = history.path("entries").get(2);
        assertThat(settled.path("policyVersion").asText()).isEqualTo("settlement-2026-06");
        assertThat(settled.path("description").path("en").asText()).contains("early-termination penalty −CNY 100.00",
                "net refund CNY 441.10");
        // The contact is kept in the history as the event holds it: ciphertext.
        assertThat(history.path("entries").get(0).path("payload").path("contact").path("ciphertext").asText()).isNotBlank();
        assertThat(history.toString()).doesNotContain(email);

        JsonNode ofCustomer = get("admin", "/api/audit/customers/" + customerId + "/history");
        assertThat(ofCustomer.path("subscriptionIds").toString()).isEqualTo("[\"" + subscriptionId + "\"]");
        assertThat(ofCustomer.path("entries").findValuesAsText("aggregateId")).contains(subscriptionId);

        ResponseEntity<String> refundAsSubscription = as("auditor").getForEntity(
                "/api/audit/subscriptions/" + refundId + "/history", String.class);
        assertThat(refundAsSubscription.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (String user : List.of("agent", "reviewer", "finance")) {
            assertThat(as(user).getForEntity("/api/audit/subscriptions/" + subscriptionId + "/history", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void after_the_purge_no_collection_of_the_query_side_holds_the_contacts_name_or_email() throws Exception {
        assertThat(stringsInDatabase()).as("the view held the contact before the purge").anyMatch(s -> s.contains(email));

        // What the command side does when the retention period ends: destroy the key, then record the purge.
        vault.destroy(keyId(subscriptionId));
        long purge = subscription(purged(subscriptionId, customerId), bySystem());
        awaitApplied(purge);
        await().until(() -> {
            ResponseEntity<String> r = as("auditor").getForEntity("/api/audit/subscriptions/" + subscriptionId + "/history", String.class);
            return r.getStatusCode() == HttpStatus.OK && json.readTree(r.getBody()).path("entries").size() == 12;
        });

        JsonNode view = get("agent", "/api/subscriptions/" + subscriptionId);
        assertThat(view.path("contact").isNull()).isTrue();
        assertThat(view.path("personalDataPurgedAt").asText()).isEqualTo("2026-09-19T00:00:05Z");
        assertThat(stringsInDatabase()).noneMatch(s -> s.contains(name) || s.contains(email));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private long subscription(Object event, Map<String, ?> metaData) {
        last = publish(AGGREGATE_TYPE, subscriptionId, sequence++, event, metaData);
        return last;
    }

    private void refund(Object event, Map<String, ?> metaData) {
        last = publish(REFUND_TYPE, refundId, refundSequence++, event, metaData);
    }

    private void awaitApplied(long position) {
        await().until(() -> store.findById(subscriptionId).map(SubscriptionStatusView::lastAppliedPosition).orElse(0L) >= position);
    }

    /** Every string value in every document of every collection of the query side's database. */
    private List<String> stringsInDatabase() {
        List<String> strings = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                collectStrings(document, strings);
            }
        }
        return strings;
    }

    private static void collectStrings(Object value, List<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> into.add(String.valueOf(key)));
            map.values().forEach(v -> collectStrings(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, into));
        } else if (value instanceof org.bson.types.Binary binary) {
            into.add(new String(binary.getData(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = as(user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }
}
