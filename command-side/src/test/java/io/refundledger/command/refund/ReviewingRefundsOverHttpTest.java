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

import static org.assertj.core.api.Assertions.assertThat;

class ReviewingRefundsOverHttpTest extends CommandSideSpringTest {

    @Autowired
    CommandBus commandBus;

    /** Submits an application over HTTP and returns its id. */
    String submitted(String paid, String requested) {
        Response response = post("/api/refunds", """
                {"customerId":"C-2002","orderId":"SO-20261105-3",
                 "paidAmount":{"amount":"%s","currency":"CNY"},"requestedAmount":{"amount":"%s","currency":"CNY"},
                 "reasonCategory":"WRONG_ITEM","payoutMethod":"ORIGINAL_PAYMENT","purchasedAt":"2026-11-05T09:30:00+08:00"}"""
                .formatted(paid, requested));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("applicationId").asText();
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

        Response response = post("/api/refunds/" + id + "/approve", null, "X-Request-Id", "req-approve-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("applicationId").asText()).isEqualTo(id);
        assertThat(response.json().path("status").asText()).isEqualTo("APPROVED");
        List<StoredEvent> events = eventLog().eventsOf(id);
        assertThat(events).extracting(StoredEvent::payloadSimpleName)
                .containsExactly("RefundApplicationSubmitted", "RefundApplicationApproved");
        JsonNode approved = events.get(1).payload();
        assertThat(approved.path("approvedAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(approved.path("approvedAmount").path("currency").asText()).isEqualTo("CNY");
        assertThat(approved.path("approvedAt").asText()).isEqualTo(NOW.toString());
        assertThat(events.get(1).metaData().path("requestId").asText()).isEqualTo("req-approve-1");
        assertThat(events.get(1).metaData().path("channel").asText()).isEqualTo("http");
    }

    @Test
    void approvesAnotherAmountWithTheReviewersNote() {
        String id = submitted("1200.00", "1200.00");

        Response response = post("/api/refunds/" + id + "/approve",
                "{\"approvedAmount\":{\"amount\":\"1000.00\",\"currency\":\"CNY\"},\"note\":\"screen part repaired\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode approved = eventLog().eventsOf(id).get(1).payload();
        assertThat(approved.path("approvedAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(approved.path("note").asText()).isEqualTo("screen part repaired");
    }

    @Test
    void rejectsWithTheReasonTheCustomerWillSee() {
        String id = submitted("1200.00", "1000.00");

        Response response = post("/api/refunds/" + id + "/reject", "{\"reason\":\"超过30天退款期限\"}",
                "X-Request-Id", "req-reject-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("applicationId").asText()).isEqualTo(id);
        assertThat(response.json().path("status").asText()).isEqualTo("REJECTED");
        StoredEvent rejected = eventLog().eventsOf(id).get(1);
        assertThat(rejected.payloadSimpleName()).isEqualTo("RefundApplicationRejected");
        assertThat(rejected.payload().path("reason").asText()).isEqualTo("超过30天退款期限");
        assertThat(rejected.payload().path("rejectedAt").asText()).isEqualTo(NOW.toString());
        assertThat(rejected.metaData().path("requestId").asText()).isEqualTo("req-reject-1");
    }

    @Test
    void refusesARejectionWithoutReasonAndRecordsNothing() {
        String id = submitted("1200.00", "1000.00");

        assertProblem(post("/api/refunds/" + id + "/reject", null), 400, "REASON_REQUIRED", "reason");
        assertProblem(post("/api/refunds/" + id + "/reject", "{}"), 400, "REASON_REQUIRED", "reason");
        assertProblem(post("/api/refunds/" + id + "/reject", "{\"reason\":\"  \"}"), 400, "REASON_REQUIRED", "reason");

        assertThat(eventLog().eventsOf(id)).hasSize(1);
    }

    @Test
    void refusesToApproveMoreThanWasPaidAndRecordsNothing() {
        String id = submitted("1200.00", "1000.00");

        assertProblem(post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"1200.01\",\"currency\":\"CNY\"}}"),
                422, "APPROVED_EXCEEDS_PAID", "approvedAmount");
        assertProblem(post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"10.00\",\"currency\":\"USD\"}}"),
                422, "CURRENCY_MISMATCH", "approvedAmount.currency");
        assertProblem(post("/api/refunds/" + id + "/approve", "{\"approvedAmount\":{\"amount\":\"ten\",\"currency\":\"CNY\"}}"),
                400, "MONEY_AMOUNT_INVALID", "approvedAmount.amount");

        assertThat(eventLog().eventsOf(id)).hasSize(1);
    }

    @Test
    void approvingTwiceIsAConflict() {
        String id = submitted("1200.00", "1000.00");
        assertThat(post("/api/refunds/" + id + "/approve", null).status()).isEqualTo(200);

        assertProblem(post("/api/refunds/" + id + "/approve", null), 409, "REFUND_NOT_AWAITING_REVIEW", null);

        assertThat(eventLog().eventsOf(id)).hasSize(2);
    }

    @Test
    void rejectingAnApprovedApplicationIsAConflict() {
        String id = submitted("1200.00", "1000.00");
        assertThat(post("/api/refunds/" + id + "/approve", null).status()).isEqualTo(200);

        assertProblem(post("/api/refunds/" + id + "/reject", "{\"reason\":\"changed my mind\"}"),
                409, "REFUND_NOT_AWAITING_REVIEW", null);

        assertThat(eventLog().eventsOf(id)).hasSize(2);
    }

    @Test
    void decisionsOnAnUnknownApplicationAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        long commitsBefore = eventLog().commitCount();

        assertProblem(post("/api/refunds/" + unknown + "/approve", null), 404, "NOT_FOUND", null);
        assertProblem(post("/api/refunds/" + unknown + "/reject", "{\"reason\":\"no such thing\"}"), 404, "NOT_FOUND", null);

        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
        assertThat(eventLog().eventsOf(unknown)).isEmpty();
    }

    @Test
    void aDecisionThatLosesARaceWithAnotherInstanceIsAConcurrentModification() {
        String id = submitted("1200.00", "1000.00");
        GenericDomainEventMessage<RefundApplicationRejected> theirRejection = new GenericDomainEventMessage<>(
                "RefundApplication", id, 1L, new RefundApplicationRejected(id, "rejected elsewhere", NOW));
        Registration race = new AnotherInstance(database).commitFirstDuring(commandBus, "req-race-1", theirRejection);
        try {
            assertProblem(post("/api/refunds/" + id + "/approve", null, "X-Request-Id", "req-race-1"),
                    409, "CONCURRENT_MODIFICATION", null);
        } finally {
            race.cancel();
        }

        assertThat(eventLog().eventsOf(id)).extracting(StoredEvent::payloadSimpleName)
                .containsExactly("RefundApplicationSubmitted", "RefundApplicationRejected");
        // Reloaded from the store, the application is the other instance's rejected one.
        assertProblem(post("/api/refunds/" + id + "/approve", null), 409, "REFUND_NOT_AWAITING_REVIEW", null);
    }
}
