package io.refundledger.command.refund;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.FINANCE;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole refund journeys through real HTTP, each user acting in their own role. */
class RefundLifecycleOverHttpTest extends CommandSideSpringTest {

    /** Every test uses its own order, so the shared database's ledgers never interfere. */
    static String newOrder() {
        return "SO-" + UUID.randomUUID();
    }

    String submit(String orderId, String paid, String requested, String type) {
        Response response = as(AGENT).post("/api/refunds", """
                {"customerId":"C-3003","orderId":"%s","type":"%s",
                 "paidAmount":{"amount":"%s","currency":"CNY"},"requestedAmount":{"amount":"%s","currency":"CNY"},
                 "reasonCategory":"PRODUCT_QUALITY","payoutMethod":"ORIGINAL_PAYMENT",
                 "purchasedAt":"2026-11-05T09:30:00+08:00","usage":"NOT_USED"}""".formatted(orderId, type, paid, requested));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("applicationId").asText();
    }

    static void assertStatus(Response response, int httpStatus, String status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(httpStatus);
        assertThat(response.json().path("status").asText()).as(response.toString()).isEqualTo(status);
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).as(response.toString()).isEqualTo(code);
    }

    List<String> eventNames(String aggregateId) {
        return eventLog().eventsOf(aggregateId).stream().map(StoredEvent::payloadSimpleName).toList();
    }

    String startPayout(String id) {
        Response started = as(FINANCE).post("/api/refunds/" + id + "/payouts", null);
        assertStatus(started, 201, "PAYOUT_IN_PROGRESS");
        return started.json().path("payoutId").asText();
    }

    @Test
    void aFullRefundFromSubmissionToRating() {
        String order = newOrder();
        String id = submit(order, "1200.00", "1000.00", "REFUND_ONLY");

        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve", "{\"note\":\"receipt checked\"}"), 200, "APPROVED");
        String payoutId = startPayout(id);
        assertStatus(as(FINANCE).post("/api/refunds/" + id + "/payouts/" + payoutId + "/success",
                "{\"externalReference\":\"BANK-2026-1\"}"), 200, "PAID");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/rating", "{\"rating\":5,\"comment\":\"快\"}"), 200, "PAID");

        List<StoredEvent> events = eventLog().eventsOf(id);
        assertThat(events).extracting(StoredEvent::payloadSimpleName).containsExactly(
                "RefundApplicationSubmitted", "RefundPolicyEvaluated", "CustomerNotificationRequested",
                "RefundApplicationApproved", "CustomerNotificationRequested",
                "PayoutStarted", "PayoutSucceeded", "CustomerNotificationRequested", "SatisfactionRated");
        JsonNode evaluation = events.get(1).payload();
        assertThat(evaluation.path("policyVersion").asText()).isEqualTo("2026.11-1");
        assertThat(evaluation.path("withinPolicy").asBoolean()).isTrue();
        assertThat(events.get(0).metaData().path("actor").asText()).isEqualTo(AGENT);
        assertThat(events.get(3).metaData().path("actor").asText()).isEqualTo(REVIEWER);
        assertThat(events.get(6).payload().path("amount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(events.get(6).metaData().path("actor").asText()).isEqualTo(FINANCE);
        // The order's ledger changed in the approval's own commit.
        assertThat(eventNames("order:" + order)).containsExactly("OrderRefundReserved");
        assertThat(eventLog().eventsOf("order:" + order).get(0).payload().path("totalReserved").path("amount").asText())
                .isEqualTo("1000.00");
    }

    @Test
    void aboveTheThresholdFinanceGivesTheSecondApproval() {
        String order = newOrder();
        String id = submit(order, "8000.00", "6000.00", "REFUND_ONLY");

        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 200, "AWAITING_SECOND_APPROVAL");
        assertThat(eventNames("order:" + order)).isEmpty();
        // The reviewer cannot also give the second approval.
        assertThat(as(REVIEWER).post("/api/refunds/" + id + "/second-approval", null).status()).isEqualTo(403);

        assertStatus(as(FINANCE).post("/api/refunds/" + id + "/second-approval", "{\"note\":\"budget ok\"}"), 200, "APPROVED");

        List<StoredEvent> events = eventLog().eventsOf(id);
        StoredEvent first = events.get(3);
        assertThat(first.payloadSimpleName()).isEqualTo("FirstApprovalGiven");
        assertThat(first.metaData().path("actor").asText()).isEqualTo(REVIEWER);
        StoredEvent approved = events.get(4);
        assertThat(approved.payloadSimpleName()).isEqualTo("RefundApplicationApproved");
        assertThat(approved.payload().path("firstApprovedBy").asText()).isEqualTo(REVIEWER);
        assertThat(approved.metaData().path("actor").asText()).isEqualTo(FINANCE);
        assertThat(eventNames("order:" + order)).containsExactly("OrderRefundReserved");
    }

    @Test
    void theSubmitterCannotApproveTheirOwnApplication() {
        String id = submit(newOrder(), "1200.00", "1000.00", "REFUND_ONLY");
        // agent is no reviewer: the web layer refuses before the four-eyes rule is even asked.
        assertThat(as(AGENT).post("/api/refunds/" + id + "/approve", null).status()).isEqualTo(403);
        assertThat(eventLog().eventsOf(id)).hasSize(3);
    }

    @Test
    void aReturnEndsInAPaidRefund() {
        String order = newOrder();
        String id = submit(order, "1200.00", "1200.00", "RETURN_AND_REFUND");

        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 200, "AWAITING_RETURN");
        StoredEvent authorized = eventLog().eventsOf(id).get(4);
        assertThat(authorized.payloadSimpleName()).isEqualTo("ReturnAuthorized");
        assertThat(authorized.payload().path("returnAuthorizationNumber").asText()).startsWith("RMA-RF-");
        assertThat(authorized.payload().path("returnAddress").asText()).isNotBlank();

        assertStatus(as(AGENT).post("/api/refunds/" + id + "/return-shipment",
                "{\"carrier\":\"SF Express\",\"trackingNumber\":\"SF1234567890\"}"), 200, "RETURN_IN_TRANSIT");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/return-receipt", null), 200, "RETURN_RECEIVED");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/inspection",
                "{\"outcome\":\"FAILED\",\"notes\":\"box damaged\",\"adjustedAmount\":{\"amount\":\"1000.00\",\"currency\":\"CNY\"}}"),
                200, "RETURN_RECEIVED");
        String payoutId = startPayout(id);
        assertStatus(as(FINANCE).post("/api/refunds/" + id + "/payouts/" + payoutId + "/success",
                "{\"externalReference\":\"BANK-RET-1\"}"), 200, "PAID");

        StoredEvent paid = eventLog().eventsOf(id).stream().filter(e -> e.payloadSimpleName().equals("PayoutSucceeded"))
                .findFirst().orElseThrow();
        assertThat(paid.payload().path("amount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(eventNames("order:" + order)).containsExactly("OrderRefundReserved", "OrderRefundReleased");
    }

    @Test
    void aFailedPayoutIsRetriedUnderANewId() {
        String id = submit(newOrder(), "1200.00", "1000.00", "REFUND_ONLY");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 200, "APPROVED");
        String first = startPayout(id);

        assertStatus(as(FINANCE).post("/api/refunds/" + id + "/payouts/" + first + "/failure",
                "{\"reason\":\"account closed\"}"), 200, "PAYOUT_FAILED");
        Response retried = as(FINANCE).post("/api/refunds/" + id + "/payouts", "{\"method\":\"BANK_TRANSFER\"}");
        assertStatus(retried, 201, "PAYOUT_IN_PROGRESS");
        String second = retried.json().path("payoutId").asText();
        assertThat(second).isNotEqualTo(first);

        assertProblem(as(FINANCE).post("/api/refunds/" + id + "/payouts/" + first + "/success",
                "{\"externalReference\":\"X\"}"), 409, "PAYOUT_NOT_CURRENT");
        assertStatus(as(FINANCE).post("/api/refunds/" + id + "/payouts/" + second + "/success",
                "{\"externalReference\":\"BANK-2\"}"), 200, "PAID");
        assertProblem(as(FINANCE).post("/api/refunds/" + id + "/payouts", null), 409, "REFUND_ALREADY_PAID");

        StoredEvent retry = eventLog().eventsOf(id).stream().filter(e -> e.payloadSimpleName().equals("PayoutStarted"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(retry.payload().path("attempt").asInt()).isEqualTo(2);
        assertThat(retry.payload().path("method").asText()).isEqualTo("BANK_TRANSFER");
    }

    @Test
    void applicationsOfOneOrderNeverRefundMoreThanWasPaid() {
        String order = newOrder();
        String first = submit(order, "1200.00", "1000.00", "REFUND_ONLY");
        String second = submit(order, "1200.00", "1000.00", "REFUND_ONLY");
        assertStatus(as(REVIEWER).post("/api/refunds/" + first + "/approve", null), 200, "APPROVED");
        long commitsBefore = eventLog().commitCount();

        assertProblem(as(REVIEWER).post("/api/refunds/" + second + "/approve",
                "{\"exceptionJustification\":\"customer insists\"}"), 422, "ORDER_CAP_EXCEEDED");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);

        // Withdrawing the first gives its reservation back, in the same commit as the withdrawal.
        assertStatus(as(AGENT).post("/api/refunds/" + first + "/withdraw", "{\"reason\":\"duplicate\"}"), 200, "WITHDRAWN");
        assertThat(eventNames("order:" + order)).containsExactly("OrderRefundReserved", "OrderRefundReleased");
        assertStatus(as(REVIEWER).post("/api/refunds/" + second + "/approve",
                "{\"exceptionJustification\":\"first one withdrawn\"}"), 200, "APPROVED");
    }

    @Test
    void missingInformationIsAskedForAndAnswered() {
        String id = submit(newOrder(), "1200.00", "1000.00", "REFUND_ONLY");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/assign", "{\"reviewerId\":\"reviewer2\"}"), 200, "SUBMITTED");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/information-request",
                "{\"question\":\"请上传发票\"}"), 200, "AWAITING_INFORMATION");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/information",
                "{\"answer\":\"见附件\",\"attachmentReferences\":[\"att-invoice-1\",\"att-photo-2\"]}"), 200, "SUBMITTED");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/reject", "{\"reason\":\"发票不符\"}"), 200, "REJECTED");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/resubmit",
                "{\"requestedAmount\":{\"amount\":\"800.00\",\"currency\":\"CNY\"},\"amendmentNote\":\"correct invoice\"}"),
                200, "SUBMITTED");

        assertThat(eventNames(id)).containsSubsequence("RefundApplicationAssigned", "MoreInformationRequested",
                "MoreInformationProvided", "RefundApplicationRejected", "RefundApplicationResubmitted", "RefundPolicyEvaluated");
    }

    @Test
    void anExchangeEndsWithTheReplacementShipped() {
        String id = submit(newOrder(), "1200.00", "1200.00", "EXCHANGE");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 200, "AWAITING_RETURN");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/return-receipt", null), 200, "RETURN_RECEIVED");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/inspection", "{\"outcome\":\"PASSED\"}"), 200, "RETURN_RECEIVED");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/replacement-shipment",
                "{\"carrier\":\"SF\",\"trackingNumber\":\"SF999\"}"), 200, "EXCHANGED");
        assertStatus(as(AGENT).post("/api/refunds/" + id + "/rating", "{\"rating\":\"4\"}"), 200, "EXCHANGED");
    }

    @Test
    void badInputToEachEndpointIsRefusedAndRecordsNothing() {
        String id = submit(newOrder(), "1200.00", "1000.00", "REFUND_ONLY");
        String base = "/api/refunds/" + id;

        assertProblem(as(AGENT).post(base + "/resubmit", "{}"), 400, "AMENDMENT_NOTE_REQUIRED");
        assertProblem(as(REVIEWER).post(base + "/assign", "{}"), 400, "REVIEWER_ID_REQUIRED");
        assertProblem(as(REVIEWER).post(base + "/information-request", null), 400, "QUESTION_REQUIRED");
        assertProblem(as(AGENT).post(base + "/information", "{\"answer\":\"x\"}"), 409, "NO_INFORMATION_REQUESTED");
        assertProblem(as(AGENT).post(base + "/information", "{\"answer\":\" \"}"), 400, "ANSWER_REQUIRED");
        assertProblem(as(FINANCE).post(base + "/second-approval", null), 409, "REFUND_NOT_AWAITING_SECOND_APPROVAL");
        assertProblem(as(AGENT).post(base + "/return-shipment", "{\"trackingNumber\":\"SF1\"}"), 400, "CARRIER_REQUIRED");
        assertProblem(as(AGENT).post(base + "/return-receipt", null), 409, "RETURN_NOT_AWAITED");
        assertProblem(as(REVIEWER).post(base + "/inspection", "{\"outcome\":\"GOOD\"}"), 400, "UNKNOWN_INSPECTION_OUTCOME");
        assertProblem(as(AGENT).post(base + "/replacement-shipment", "{\"carrier\":\"SF\",\"trackingNumber\":\"SF1\"}"),
                409, "NOT_AN_EXCHANGE");
        assertProblem(as(FINANCE).post(base + "/payouts", null), 409, "PAYOUT_NOT_ALLOWED");
        assertProblem(as(FINANCE).post(base + "/payouts", "{\"method\":\"CASH\"}"), 400, "UNKNOWN_PAYOUT_METHOD");
        assertProblem(as(FINANCE).post(base + "/payouts/p-unknown/success", "{\"externalReference\":\"X\"}"),
                409, "NO_PAYOUT_IN_PROGRESS");
        assertProblem(as(FINANCE).post(base + "/payouts/p-unknown/failure", "{}"), 400, "REASON_REQUIRED");
        assertProblem(as(AGENT).post(base + "/rating", "{\"rating\":\"five\"}"), 400, "RATING_OUT_OF_RANGE");
        assertProblem(as(AGENT).post(base + "/rating", "{\"rating\":5}"), 409, "REFUND_NOT_COMPLETED");
        assertProblem(as(REVIEWER).post(base + "/approve", "{\"approvedAmount\":{\"amount\":\"1200.01\",\"currency\":\"CNY\"}}"),
                422, "APPROVED_EXCEEDS_PAID");
        assertThat(eventLog().eventsOf(id)).hasSize(3);

        assertStatus(as(AGENT).post(base + "/withdraw", null), 200, "WITHDRAWN");
        assertProblem(as(AGENT).post(base + "/withdraw", null), 409, "REFUND_CANNOT_BE_WITHDRAWN");
    }

    @Test
    void anApplicationOutsideThePolicyNeedsAWrittenJustification() {
        Response response = as(AGENT).post("/api/refunds", """
                {"customerId":"C-3003","orderId":"%s",
                 "paidAmount":{"amount":"1200.00","currency":"CNY"},"requestedAmount":{"amount":"1200.00","currency":"CNY"},
                 "reasonCategory":"OTHER","payoutMethod":"ORIGINAL_PAYMENT",
                 "purchasedAt":"2026-09-01T09:30:00+08:00","usage":"USED"}""".formatted(newOrder()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String id = response.json().path("applicationId").asText();
        JsonNode evaluation = eventLog().eventsOf(id).get(1).payload();
        assertThat(evaluation.path("withinPolicy").asBoolean()).isFalse();

        assertProblem(as(REVIEWER).post("/api/refunds/" + id + "/approve", null), 422, "POLICY_EXCEPTION_JUSTIFICATION_REQUIRED");
        assertStatus(as(REVIEWER).post("/api/refunds/" + id + "/approve",
                "{\"approvedAmount\":{\"amount\":\"600.00\",\"currency\":\"CNY\"},\"exceptionJustification\":\"long-standing customer\"}"),
                200, "APPROVED");
        assertThat(eventLog().eventsOf(id).get(3).payload().path("exceptionJustification").asText())
                .isEqualTo("long-standing customer");
    }

    @Test
    void refusesPolicyFactsThatCannotBeRead() {
        Response response = as(AGENT).post("/api/refunds", """
                {"customerId":"C-3003","orderId":"%s",
                 "paidAmount":{"amount":"1200.00","currency":"CNY"},"requestedAmount":{"amount":"1200.00","currency":"CNY"},
                 "reasonCategory":"OTHER","payoutMethod":"ORIGINAL_PAYMENT",
                 "purchasedAt":"2026-11-01T09:30:00+08:00","usage":"SOMETIMES"}""".formatted(newOrder()));
        assertProblem(response, 400, "UNKNOWN_USAGE");
        assertThat(response.json().path("field").asText()).isEqualTo("usage");
    }
}
