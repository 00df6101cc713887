package io.refundledger.command.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.UUID;

import static io.refundledger.command.testing.DemoUsers.ADMIN;
import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.FINANCE;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription command API over real HTTP, on 23 November 2026 in Shanghai (the base's pinned clock). The
 * cancellation process is switched off here so that these tests take every step by hand, as operations would.
 */
@TestPropertySource(properties = "ledger.subscriptions.process.enabled=false")
class SubscriptionCommandApiTest extends CommandSideSpringTest {

    /** A 2026 subscription with a 12-month minimum term, 20 % penalty capped at 100.00 CNY, 30 days' notice. */
    static ObjectNode validStart(String subscriptionId) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"subscriptionId":"%s","customerId":"C-7007","customerSegment":"SMB","planCode":"CRM-MOBILE-PRO",
                     "productId":"P-CRM-MOBILE","seats":"10","termStart":"2026-01-01","termEnd":"2027-01-01",
                     "prepaidAmount":{"amount":"1200.00","currency":"CNY"},"termDiscount":{"amount":"0.00","currency":"CNY"},
                     "terms":{"minimumTermMonths":12,"noticePeriodDays":30,"dataRetentionDays":30,
                              "penalty":{"kind":"PERCENT_OF_REMAINING","percent":"20","cap":{"amount":"100.00","currency":"CNY"}}},
                     "autoRenewal":true,
                     "contact":{"name":"王小明","email":"xiaoming.wang@example.com","phone":"+86 138 0000 0000"}}"""
                    .formatted(subscriptionId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newId() {
        return "S-" + UUID.randomUUID();
    }

    String started(ObjectNode body) {
        Response response = as(AGENT).post("/api/subscriptions", body.toString());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("subscriptionId").asText();
    }

    String started() {
        return started(validStart(newId()));
    }

    List<String> history(String subscriptionId) {
        return eventLog().eventsOf(subscriptionId).stream().map(StoredEvent::payloadSimpleName).toList();
    }

    StoredEvent the(String subscriptionId, String type) {
        List<StoredEvent> found = eventLog().eventsOf(subscriptionId).stream()
                .filter(e -> e.payloadSimpleName().equals(type)).toList();
        assertThat(found).as(type + " events of " + subscriptionId).hasSize(1);
        return found.get(0);
    }

    static void assertProblem(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).as(response.toString()).isEqualTo(code);
        if (field == null) {
            assertThat(response.json().has("field")).as(response.toString()).isFalse();
        } else {
            assertThat(response.json().path("field").asText()).as(response.toString()).isEqualTo(field);
        }
    }

    @Test
    void startsCancelsAndTerminatesASubscriptionStepByStep() {
        String id = newId();
        Response start = as(AGENT).post("/api/subscriptions", validStart(id).toString(), "X-Request-Id", "req-sub-start");
        assertThat(start.status()).as(start.toString()).isEqualTo(201);
        assertThat(start.header("Location")).isEqualTo("/api/subscriptions/" + id);
        assertThat(start.json().path("subscriptionId").asText()).isEqualTo(id);
        assertThat(start.json().path("status").asText()).isEqualTo("ACTIVE");

        // Cancelled on 23 November, effective 24 November: 327 of 365 days used, 38 left.
        Response cancellation = as(AGENT).post("/api/subscriptions/" + id + "/cancellation",
                "{\"reason\":\"SWITCHED_PROVIDER\",\"reasonText\":\"换了别家CRM\",\"effect\":\"IMMEDIATELY\"}");
        assertThat(cancellation.status()).as(cancellation.toString()).isEqualTo(201);
        JsonNode settled = cancellation.json();
        assertThat(settled.path("effectiveDate").asText()).isEqualTo("2026-11-24");
        assertThat(settled.path("settlementPolicyVersion").asText()).isEqualTo(SettlementPolicy.CURRENT_VERSION);
        assertThat(settled.path("usedDays").asLong()).isEqualTo(327);
        assertThat(settled.path("unusedDays").asLong()).isEqualTo(38);
        // 1200.00 × 38 / 365 = 124.93, less 20 % of it (24.99) as the early-termination penalty.
        assertThat(settled.path("netRefund").path("amount").asText()).isEqualTo("99.94");
        assertThat(settled.path("lines").findValuesAsText("kind")).containsExactly("PREPAID_FOR_TERM",
                "UNUSED_PREPAID_VALUE", "EARLY_TERMINATION_PENALTY", "NET_REFUND");
        assertThat(settled.path("lines").get(2).path("amount").path("amount").asText()).isEqualTo("-24.99");
        assertThat(settled.path("lines").get(1).path("explanation").asText())
                .isEqualTo("327 of 365 days used (service to 2026-11-23): 1200.00 CNY × 38 / 365 unused days = 124.93 CNY");

        Response export = as(AGENT).post("/api/subscriptions/" + id + "/data-export", null);
        assertThat(export.status()).as(export.toString()).isEqualTo(201);
        assertThat(export.json().path("status").asText()).isEqualTo("DATA_EXPORT_REQUESTED");
        String exportId = export.json().path("exportId").asText();

        Response completed = as(ADMIN).post("/api/subscriptions/" + id + "/data-export/" + exportId + "/completion",
                "{\"exportReference\":\"s3://exports/" + id + ".zip\"}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("status").asText()).isEqualTo("DATA_EXPORTED");

        Response deactivated = as(ADMIN).post("/api/subscriptions/" + id + "/accounts/deactivation", null);
        assertThat(deactivated.json().path("status").asText()).as(deactivated.toString()).isEqualTo("ACCOUNTS_DEACTIVATED");

        Response terminated = as(ADMIN).post("/api/subscriptions/" + id + "/termination", null,
                "Idempotency-Key", "terminate-" + id);
        assertThat(terminated.status()).as(terminated.toString()).isEqualTo(200);
        assertThat(terminated.json().path("status").asText()).isEqualTo("TERMINATED");
        String confirmation = terminated.json().path("confirmationNumber").asText();
        assertThat(confirmation).matches("TC-20261123-[0-9A-F]{8}");

        // A retried termination with the same key is answered from the first, and records nothing more.
        Response retried = as(ADMIN).post("/api/subscriptions/" + id + "/termination", null,
                "Idempotency-Key", "terminate-" + id);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.json().path("confirmationNumber").asText()).isEqualTo(confirmation);

        assertThat(history(id)).containsExactly("SubscriptionStarted", "SubscriptionCancellationRequested",
                "CancellationSettlementCalculated", "AutoRenewalSwitchedOff", "SubscriptionDataExportRequested",
                "SubscriptionDataExportCompleted", "SubscriptionAccountsDeactivated", "SubscriptionTerminated");
        StoredEvent startedEvent = the(id, "SubscriptionStarted");
        assertThat(startedEvent.metaData().path("actor").asText()).isEqualTo("agent");
        assertThat(startedEvent.metaData().path("requestId").asText()).isEqualTo("req-sub-start");
        assertThat(startedEvent.payload().path("contact").path("keyId").asText()).isEqualTo("subscription:" + id);
        assertThat(startedEvent.payload().toString()).doesNotContain("王小明").doesNotContain("xiaoming");
        JsonNode termination = the(id, "SubscriptionTerminated").payload();
        assertThat(termination.path("confirmationNumber").asText()).isEqualTo(confirmation);
        assertThat(termination.path("netRefund").path("amount").asText()).isEqualTo("99.94");
        assertThat(termination.path("personalDataRetainedUntil").asText()).isEqualTo("2026-12-23");
        assertThat(the(id, "SubscriptionTerminated").metaData().path("actor").asText()).isEqualTo("admin");
    }

    @Test
    void startingTheSameSubscriptionTwiceIsAConflict() {
        String id = started();

        assertProblem(as(AGENT).post("/api/subscriptions", validStart(id).toString()), 409,
                "SUBSCRIPTION_ALREADY_STARTED", null);

        assertThat(history(id)).containsExactly("SubscriptionStarted");
    }

    @Test
    void unreadableValuesAreRefusedNamingTheFieldAndNothingIsStored() {
        String id = newId();
        ObjectNode seats = validStart(id).put("seats", "ten");
        assertProblem(as(AGENT).post("/api/subscriptions", seats.toString()), 400, "SEATS_INVALID", "seats");

        ObjectNode date = validStart(id).put("termStart", "2026/01/01");
        assertProblem(as(AGENT).post("/api/subscriptions", date.toString()), 400, "TERM_START_INVALID", "termStart");

        ObjectNode kind = validStart(id);
        ((ObjectNode) kind.path("terms").path("penalty")).put("kind", "HALF");
        assertProblem(as(AGENT).post("/api/subscriptions", kind.toString()), 400, "UNKNOWN_PENALTY_KIND",
                "terms.penalty.kind");

        ObjectNode amount = validStart(id);
        ((ObjectNode) amount.path("prepaidAmount")).put("amount", "twelve hundred");
        assertProblem(as(AGENT).post("/api/subscriptions", amount.toString()), 400, "MONEY_AMOUNT_INVALID",
                "prepaidAmount.amount");

        ObjectNode retention = validStart(id);
        ((ObjectNode) retention.path("terms")).remove("dataRetentionDays");
        assertProblem(as(AGENT).post("/api/subscriptions", retention.toString()), 400, "DATA_RETENTION_REQUIRED",
                "terms.dataRetentionDays");

        ObjectNode customer = validStart(id).put("customerId", " ");
        assertProblem(as(AGENT).post("/api/subscriptions", customer.toString()), 400, "CUSTOMER_ID_REQUIRED", "customerId");

        assertProblem(as(AGENT).post("/api/subscriptions", "{\"customerId\":"), 400, "MALFORMED_REQUEST", null);

        assertThat(eventLog().eventsOf(id)).isEmpty();
    }

    @Test
    void valuesTheRulesRefuseAre422NamingTheFieldAndNothingIsStored() {
        String id = newId();
        assertProblem(as(AGENT).post("/api/subscriptions", validStart(id).put("seats", 0).toString()), 422,
                "SEATS_BELOW_ONE", "seats");

        assertProblem(as(AGENT).post("/api/subscriptions", validStart(id).put("termEnd", "2025-12-31").toString()), 422,
                "TERM_END_NOT_AFTER_START", "termEnd");

        ObjectNode dollars = validStart(id);
        ((ObjectNode) dollars.path("termDiscount")).put("currency", "USD");
        assertProblem(as(AGENT).post("/api/subscriptions", dollars.toString()), 422, "CURRENCY_MISMATCH",
                "termDiscount.currency");

        ObjectNode percent = validStart(id);
        ((ObjectNode) percent.path("terms").path("penalty")).put("percent", "120");
        assertProblem(as(AGENT).post("/api/subscriptions", percent.toString()), 422, "PENALTY_PERCENT_OUT_OF_RANGE",
                "terms.penalty.percent");

        assertThat(eventLog().eventsOf(id)).isEmpty();
    }

    @Test
    void eachStepIsForItsRole() {
        String id = started();

        assertProblem(as(REVIEWER).post("/api/subscriptions", validStart(newId()).toString()), 403, "FORBIDDEN", null);
        assertProblem(as(FINANCE).post("/api/subscriptions/" + id + "/cancellation",
                "{\"reason\":\"PRICE\",\"effect\":\"IMMEDIATELY\"}"), 403, "FORBIDDEN", null);
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/termination", null), 403, "FORBIDDEN", null);
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/accounts/deactivation", null), 403, "FORBIDDEN", null);

        assertThat(history(id)).containsExactly("SubscriptionStarted");
    }

    @Test
    void anEndOfTermCancellationWithoutNoticeIsRecordedAsRefusedAndAnswered422() {
        // The term ends on 10 December: 17 days from 23 November, 30 are required.
        String id = started(validStart(newId()).put("termStart", "2025-12-10").put("termEnd", "2026-12-10"));

        Response refused = as(AGENT).post("/api/subscriptions/" + id + "/cancellation",
                "{\"reason\":\"PRICE\",\"effect\":\"END_OF_TERM\"}", "X-Request-Id", "req-refused-1");

        assertProblem(refused, 422, "NOTICE_PERIOD_NOT_MET", "effect");
        assertThat(refused.json().path("detail").asText()).contains("30 days' notice").contains("leaves 17 days");
        assertThat(history(id)).containsExactly("SubscriptionStarted", "SubscriptionCancellationRefused");
        StoredEvent refusal = the(id, "SubscriptionCancellationRefused");
        assertThat(refusal.payload().path("code").asText()).isEqualTo("NOTICE_PERIOD_NOT_MET");
        assertThat(refusal.payload().path("effect").asText()).isEqualTo("END_OF_TERM");
        assertThat(refusal.metaData().path("requestId").asText()).isEqualTo("req-refused-1");
        assertThat(refusal.metaData().path("actor").asText()).isEqualTo("agent");

        // An immediate cancellation needs no notice.
        assertThat(as(AGENT).post("/api/subscriptions/" + id + "/cancellation",
                "{\"reason\":\"PRICE\",\"effect\":\"IMMEDIATELY\"}").status()).isEqualTo(201);
    }

    @Test
    void stepsOutOfOrderAreConflictsAndStoreNothing() {
        String id = started();
        String cancel = "{\"reason\":\"NO_LONGER_NEEDED\",\"effect\":\"IMMEDIATELY\"}";

        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/data-export", null), 409, "NO_PENDING_CANCELLATION", null);
        assertThat(as(AGENT).post("/api/subscriptions/" + id + "/cancellation", cancel).status()).isEqualTo(201);
        int afterCancellation = history(id).size();

        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/cancellation", cancel), 409,
                "CANCELLATION_ALREADY_REQUESTED", null);
        assertProblem(as(ADMIN).post("/api/subscriptions/" + id + "/accounts/deactivation", null), 409,
                "DATA_EXPORT_NOT_COMPLETED", null);
        assertProblem(as(ADMIN).post("/api/subscriptions/" + id + "/termination", null), 409,
                "ACCOUNTS_NOT_DEACTIVATED", null);
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/auto-renewal", "{\"on\":true}"), 409,
                "CANCELLATION_PENDING", null);
        assertProblem(as(ADMIN).post("/api/subscriptions/" + id + "/data-export/no-such-export/completion",
                "{\"exportReference\":\"s3://x\"}"), 409, "NO_DATA_EXPORT_REQUESTED", null);

        assertThat(history(id)).hasSize(afterCancellation);
    }

    @Test
    void aCancellationRevokedBeforeItTakesEffectSwitchesAutoRenewalBackOn() {
        String id = started();
        assertThat(as(AGENT).post("/api/subscriptions/" + id + "/cancellation",
                "{\"reason\":\"PRICE\",\"effect\":\"IMMEDIATELY\"}").status()).isEqualTo(201);

        Response revoked = as(AGENT).post("/api/subscriptions/" + id + "/cancellation/revocation",
                "{\"reasonText\":\"客户决定继续使用\"}");

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(history(id)).endsWith("SubscriptionCancellationRevoked", "AutoRenewalSwitchedOn");
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/cancellation/revocation", null), 409,
                "NO_PENDING_CANCELLATION", null);
    }

    @Test
    void aRetriedCancellationWithTheSameIdGetsTheSameSettlement() {
        String id = started();
        String body = "{\"cancellationId\":\"K-retry\",\"reason\":\"PRICE\",\"effect\":\"END_OF_TERM\"}";

        Response first = as(AGENT).post("/api/subscriptions/" + id + "/cancellation", body);
        int afterFirst = history(id).size();
        Response second = as(AGENT).post("/api/subscriptions/" + id + "/cancellation", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(first.json().path("cancellationId").asText()).isEqualTo("K-retry");
        assertThat(first.json().path("effectiveDate").asText()).isEqualTo("2027-01-01");
        assertThat(history(id)).hasSize(afterFirst);
    }

    @Test
    void switchesAutoRenewalAndChangesSeats() {
        String id = started();

        Response off = as(AGENT).post("/api/subscriptions/" + id + "/auto-renewal", "{\"on\":false}");
        Response seats = as(AGENT).post("/api/subscriptions/" + id + "/seats", "{\"seats\":12}");

        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(seats.status()).as(seats.toString()).isEqualTo(200);
        assertThat(history(id)).containsExactly("SubscriptionStarted", "AutoRenewalSwitchedOff", "SubscriptionSeatsChanged");
        assertThat(the(id, "SubscriptionSeatsChanged").payload().path("seats").asInt()).isEqualTo(12);
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/seats", "{\"seats\":0}"), 422, "SEATS_BELOW_ONE", "seats");
        assertProblem(as(AGENT).post("/api/subscriptions/" + id + "/auto-renewal", "{}"), 400, "ON_REQUIRED", "on");
    }

    @Test
    void stepsOnAnUnknownSubscriptionAreNotFound() {
        String unknown = newId();

        assertProblem(as(AGENT).post("/api/subscriptions/" + unknown + "/cancellation",
                "{\"reason\":\"PRICE\",\"effect\":\"IMMEDIATELY\"}"), 404, "NOT_FOUND", null);
        assertProblem(as(AGENT).post("/api/subscriptions/" + unknown + "/seats", "{\"seats\":3}"), 404, "NOT_FOUND", null);

        assertThat(eventLog().eventsOf(unknown)).isEmpty();
    }
}
