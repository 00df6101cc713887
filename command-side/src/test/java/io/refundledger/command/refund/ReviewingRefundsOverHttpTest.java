package io.refundledger.command.refund;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundledger.command.testing.AnotherInstance;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import io.refundledger.events.refund.RefundApplicationRejected;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

class ReviewingRefundsOverHttpTest extends CommandSideSpringTest {

    @Autowired
    CommandBus commandBus;

    /** Submits an application over HTTP, for an order of its own (orders cap what is refunded), and returns its id. */
    String submitted(String paid, String requested) {
        Response response = as(AGENT).post("/api/refunds", """
                {"customerId":"C-2002","orderId":"SO-%s",
                 "paidAmount":{"amount":"%s","currency":"CNY"},"requestedAmount":{"amount":"%s","currency":"CNY"},
                 "reasonCategory":"WRONG_ITEM","payoutMethod":"ORIGINAL_PAYMENT","purchasedAt":"2026-11-05T09:30:00+08:00"}"""
                .formatted(UUID.randomUUID(), paid, requested));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("applicationId").asText();
    }

    /** The one event of this type in the application's history. */
    StoredEvent the(String applicationId, String type) {
        List<StoredEvent> found = eventLog().eventsOf(applicationId).stream()
                .filter(e -> e.payloadSimpleName().equals(type)).toList();
        assertThat(found).as(type + " events of " + applicationId).hasSize(1);
        return found.get(0);
    }

    int historyLength(String applicationId) {
        return eventLog().eventsOf(applicationId).size();
    }

    static void assertProblem(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        if (field == null) {
            assertThat(response.json().has("field")).as(response.toString()).isFalse();
        } else {
            assertThat(response.json().path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void approvesTheRequestedAmountWhenNoBodyIsSent() {
        String id = submitted("1200.00", "1000.00");

        Response response = as(REVIEWER).post("/api/refunds/" + id + "/approve", null, "X-Request-Id", "req-approve-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("applicationId").asText()).isEqualTo(id);
        assertThat(response.json().path("status").asText()).isEqualTo("APPROVED");
        StoredEvent approvedEvent = the(id, "RefundApplicationApproved");
        JsonNode approved = approvedEvent.payload();
        assertThat(approved.path("approvedAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(approved.path("approvedAmount").path("currency").asText()).isEqualTo("CNY");
        assertThat(approved.path("approvedAt").asText()).isEqualTo(NOW.toString());
        assertThat(approvedEvent.metaData().path("requestId").asText()).isEqualTo("req-approve-1");
        assertThat(approvedEvent.metaData().path("channel").asText()).isEqualTo("http");
        assertThat(approvedEvent.metaData().path("actor").asText()).isEqualTo("reviewer");
        assertThat(approvedEvent.metaData().path("actorRoles").asText()).isEqualTo("REVIEWER");
        assertThat(approvedEvent.metaData().path("policyVersion").asText()).isEqualTo("2026.11-1");
    }

    @Test
    void approvesAnotherAmountWithTheReviewersNote() {
        String id = submitted("1200.00", "1200.00");

        Response response = as(REVIEWER).post("/api/refunds/" + id + "/approve",
                "{\"approvedAmount\":{\"amount\":\"1000.00\",\"currency\":\"CNY\"},\"note\":\"screen part repaired\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode approved = the(id, "RefundApplicationApproved").payload();
        assertThat(approved.path("approvedAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(approved.path("note").asText()).isEqualTo("screen part repaired");
    }

    @Test
    void rejectsWithTheReasonTheCustomerWillSee() {
        String id = submitted("1200.00", "1000.00");

        Response response = as(REVIEWER).post("/api/refunds/" + id + "/reject", "{\"reason\":\"超过30天退款期限\"}",
                "X-Request-Id", "req-reject-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("applicationId").asText()).isEqualTo(id);
        assertThat(response.json().path("status").asText()).isEqualTo("REJECTED");
        StoredEvent rejected = the(id, "RefundApplicationRejected");
        assertThat(rejected.payload().path("reason").asText()).isEqualTo("超过30天退款期限");
        assertThat(rejected.payload().path("rejectedAt").asText()).isEqualTo(NOW.toString());
        assertThat(rejected.metaData().path("requestId").asText()).isEqualTo("req-reject-1");
    }

    @Test
    void refusesARejectionWithoutReasonAndRecordsNothing() {
        String id = submitted("1200.00", "1000.00");
        int before = historyLength(id);

        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/reject", null), 400, "REASON_REQUIRED", "reason");
        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/reject", "{}"), 400, "REASON_REQUIRED", "reason");
        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/reject", "{\"reason\":\"  \"}"), 400, "REASON_REQUIRED", "reason");

        assertThat(historyLength(id)).isEqualTo(before);
    }

    @Test
    void refusesToApproveMoreThanWasPaidAndRecordsNothing() {
        String id = submitted("1200.00", "1000.00");
        int before = historyLength(id);

        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"1200.01\",\"currency\":\"CNY\"}}"),
                422, "APPROVED_EXCEEDS_PAID", "approvedAmount");
        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"10.00\",\"currency\":\"USD\"}}"),
                422, "CURRENCY_MISMATCH", "approvedAmount.currency");
        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"ten\",\"currency\":\"CNY\"}}"),
                400, "MONEY_AMOUNT_INVALID", "approvedAmount.amount");

        assertThat(historyLength(id)).isEqualTo(before);
    }

    @Test
    void approvingTwiceIsAConflict() {
        String id = submitted("1200.00", "1000.00");
        assertThat(as(REVIEWER).post("/api/refunds/" + id + "/approve", null).status()).isEqualTo(200);
        int afterApproval = historyLength(id);

        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 409, "REFUND_NOT_AWAITING_REVIEW", null);

        assertThat(historyLength(id)).isEqualTo(afterApproval);
        the(id, "RefundApplicationApproved");
    }

    @Test
    void rejectingAnApprovedApplicationIsAConflict() {
        String id = submitted("1200.00", "1000.00");
        assertThat(as(REVIEWER).post("/api/refunds/" + id + "/approve", null).status()).isEqualTo(200);
        int afterApproval = historyLength(id);

        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/reject", "{\"reason\":\"changed my mind\"}"),
                409, "REFUND_NOT_AWAITING_REVIEW", null);

        assertThat(historyLength(id)).isEqualTo(afterApproval);
    }

    @Test
    void decisionsOnAnUnknownApplicationAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        long commitsBefore = eventLog().commitCount();

        assertProblem(as(REVIEWER).post("/api/refunds/" + unknown + "/approve", null), 404, "NOT_FOUND", null);
        assertProblem(as(REVIEWER).post("/api/refunds/" + unknown + "/reject", "{\"reason\":\"no such thing\"}"), 404, "NOT_FOUND", null);

        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
        assertThat(eventLog().eventsOf(unknown)).isEmpty();
    }

    @Test
    void aDecisionThatLosesARaceWithAnotherInstanceIsAConcurrentModification() {
        String id = submitted("1200.00", "1000.00");
        // Their event takes the next sequence number, the very one this instance's decision needs.
        int before = historyLength(id);
        GenericDomainEventMessage<RefundApplicationRejected> theirRejection = new GenericDomainEventMessage<>(
                "RefundApplication", id, before, new RefundApplicationRejected(id, "rejected elsewhere", NOW));
        Registration race = new AnotherInstance(database).commitFirstDuring(commandBus, "req-race-1", theirRejection);
        try {
            assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", null, "X-Request-Id", "req-race-1"),
                    409, "CONCURRENT_MODIFICATION", null);
        } finally {
            race.cancel();
        }

        List<StoredEvent> events = eventLog().eventsOf(id);
        assertThat(events).hasSize(before + 1);
        assertThat(events.get(before).payloadSimpleName()).isEqualTo("RefundApplicationRejected");
        assertThat(events).extracting(StoredEvent::payloadSimpleName).doesNotContain("RefundApplicationApproved");
        // Reloaded from the store, the application is the other instance's rejected one.
        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 409, "REFUND_NOT_AWAITING_REVIEW", null);
    }
}
