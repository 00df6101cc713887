package io.refundledger.command.subscription.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.FINANCE;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancellation from request to the linked refund paid, through the running command side over HTTP: its processor and
 * runner export, deactivate, terminate and open the refund; a reviewer approves and finance pays over HTTP; the
 * subscription's own history ends with the settlement paid.
 */
class SubscriptionCancellationEndToEndTest extends CommandSideSpringTest {

    @Autowired
    CancellationProcessRunner runner;

    @Test
    void anImmediateCancellationEndsWithTheLinkedRefundPaid() {
        String subscriptionId = "S-E2E-" + UUID.randomUUID();
        CommandSideSpringTest.Response started = as(AGENT).post("/api/subscriptions", """
                {"subscriptionId":"%s","customerId":"C-E2E","customerSegment":"SMB","planCode":"CRM-MOBILE-PRO",
                 "productId":"P-CRM-MOBILE","seats":"5","termStart":"2026-11-01","termEnd":"2027-11-01",
                 "prepaidAmount":{"amount":"1200.00","currency":"CNY"},
                 "terms":{"minimumTermMonths":"0","noticePeriodDays":"30","dataRetentionDays":"30"},
                 "autoRenewal":"true","contact":{"name":"李雷","email":"li.lei@example.com"}}
                """.formatted(subscriptionId), "Idempotency-Key", "start-" + subscriptionId);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        CommandSideSpringTest.Response cancelled = as(AGENT).post("/api/subscriptions/" + subscriptionId + "/cancellation",
                "{\"reason\":\"NO_LONGER_NEEDED\",\"effect\":\"IMMEDIATELY\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(201);
        String cancellationId = cancelled.json().path("cancellationId").asText();
        assertThat(cancelled.json().path("netRefund").path("amount").asText()).isEqualTo("1124.38");

        // The process manager carries the cancellation out on its own, up to the refund application.
        String refundId = SettlementRefunds.applicationIdFor(cancellationId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            runner.runDue();
            assertThat(eventNames(subscriptionId)).contains("SettlementRefundRequested");
        });
        assertThat(eventNames(subscriptionId)).containsSubsequence("SubscriptionCancellationRequested",
                "SubscriptionDataExportRequested", "SubscriptionDataExportCompleted", "SubscriptionAccountsDeactivated",
                "SubscriptionTerminated", "SettlementRefundRequested");
        assertThat(eventLog().eventsOf(refundId).get(0).payload().path("subscriptionId").asText()).isEqualTo(subscriptionId);
        // 1200.00 CNY × 342 / 365 unused days (the request day, 23 November in Shanghai, counts as used)
        assertThat(settlementRefund(subscriptionId).path("amount").path("amount").asText()).isEqualTo("1124.38");

        // Review and payout are the ordinary ones.
        assertThat(as(REVIEWER).post("/api/refunds/" + refundId + "/approve", "{\"note\":\"settlement checked\"}").status())
                .isEqualTo(200);
        CommandSideSpringTest.Response payout = as(FINANCE).post("/api/refunds/" + refundId + "/payouts", null);
        assertThat(payout.status()).as(payout.toString()).isEqualTo(201);
        assertThat(as(FINANCE).post("/api/refunds/" + refundId + "/payouts/" + payout.json().path("payoutId").asText()
                + "/success", "{\"externalReference\":\"BANK-E2E-1\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            runner.runDue();
            assertThat(settlementStatuses(subscriptionId)).containsExactly("REFUND_APPROVED", "REFUND_PAID");
        });
        List<StoredEvent> events = eventLog().eventsOf(subscriptionId);
        StoredEvent paid = events.get(events.size() - 1);
        assertThat(paid.payloadSimpleName()).isEqualTo("SettlementStatusChanged");
        assertThat(paid.payload().path("refundApplicationId").asText()).isEqualTo(refundId);
        assertThat(paid.metaData().path("actor").asText()).isEqualTo("system");
        assertThat(paid.metaData().path("channel").asText()).isEqualTo("process-manager");
    }

    private List<String> eventNames(String aggregateId) {
        return eventLog().eventsOf(aggregateId).stream().map(StoredEvent::payloadSimpleName).toList();
    }

    private JsonNode settlementRefund(String subscriptionId) {
        return eventLog().eventsOf(subscriptionId).stream()
                .filter(e -> e.payloadSimpleName().equals("SettlementRefundRequested"))
                .findFirst().orElseThrow().payload();
    }

    private List<String> settlementStatuses(String subscriptionId) {
        return eventLog().eventsOf(subscriptionId).stream()
                .filter(e -> e.payloadSimpleName().equals("SettlementStatusChanged"))
                .map(e -> e.payload().path("status").asText()).toList();
    }
}
