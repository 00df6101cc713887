package io.refundledger.command.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.EventLog.StoredEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

class SubmittingRefundsOverHttpTest extends CommandSideSpringTest {

    static final String VALID = """
            {"customerId":"C-1001","orderId":"SO-20261101-7",
             "paidAmount":{"amount":"1200.00","currency":"CNY"},
             "requestedAmount":{"amount":"1200.00","currency":"CNY"},
             "reasonCategory":"PRODUCT_QUALITY","reasonText":"屏幕有坏点",
             "payoutMethod":"ORIGINAL_PAYMENT","purchasedAt":"2026-11-01T10:00:00+08:00"}""";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static ObjectNode validBody() {
        try {
            return (ObjectNode) JSON.readTree(VALID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String with(Consumer<ObjectNode> change) {
        ObjectNode body = validBody();
        change.accept(body);
        return body.toString();
    }

    long lastIssuedToday() {
        Document counter = database.getCollection(ApplicationNumberIssuer.COLLECTION)
                .find(Filters.eq("_id", TODAYS_PREFIX)).first();
        return counter == null ? 0 : ((Number) counter.get("lastIssued")).longValue();
    }

    @Test
    void submitsAnApplicationAndAnswersWithItsIdNumberAndWhereToFollowIt() {
        Response response = as(AGENT).post("/api/refunds", VALID, "X-Request-Id", "req-submit-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        String applicationId = body.path("applicationId").asText();
        assertThat(applicationId).matches(UUID_PATTERN);
        // Dated by the business day in Shanghai (23rd), though it is still the 22nd in UTC.
        assertThat(body.path("applicationNumber").asText()).matches(TODAYS_PREFIX + "-\\d{6}");
        assertThat(body.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(response.header("Location")).isEqualTo("/api/refunds/" + applicationId);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-submit-1");

        List<StoredEvent> events = eventLog().eventsOf(applicationId);
        // The submission comes first; what the domain records along with it (policy evaluation, notices) follows.
        assertThat(events).extracting(StoredEvent::payloadSimpleName).containsOnlyOnce("RefundApplicationSubmitted");
        StoredEvent submitted = events.get(0);
        assertThat(submitted.payloadSimpleName()).isEqualTo("RefundApplicationSubmitted");
        JsonNode payload = submitted.payload();
        assertThat(payload.path("applicationNumber").asText()).isEqualTo(body.path("applicationNumber").asText());
        assertThat(payload.path("customerId").asText()).isEqualTo("C-1001");
        assertThat(payload.path("type").asText()).isEqualTo("REFUND_ONLY");
        assertThat(payload.path("requestedAmount").path("amount").isTextual()).isTrue();
        assertThat(payload.path("requestedAmount").path("amount").asText()).isEqualTo("1200.00");
        assertThat(payload.path("reasonText").asText()).isEqualTo("屏幕有坏点");
        assertThat(payload.path("purchasedAt").asText()).isEqualTo("2026-11-01T02:00:00Z");
        assertThat(payload.path("submittedAt").asText()).isEqualTo(NOW.toString());
    }

    @Test
    void recordsWhichRequestCausedTheEvent() {
        Response response = as(AGENT).post("/api/refunds", VALID, "X-Request-Id", "req-metadata-1");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);

        JsonNode metaData = eventLog().eventsOf(response.json().path("applicationId").asText()).get(0).metaData();
        assertThat(metaData.path("requestId").asText()).isEqualTo("req-metadata-1");
        assertThat(metaData.path("channel").asText()).isEqualTo("http");
        // Who, from the authenticated principal.
        assertThat(metaData.path("actor").asText()).isEqualTo("agent");
        assertThat(metaData.path("actorRoles").asText()).isEqualTo("CUSTOMER_SERVICE");
        // Under which refund policy, on every event, not only on the policy evaluation.
        assertThat(metaData.path("policyVersion").asText()).isEqualTo("2026.11-1");
        // Axon's own origin keys are kept next to ours.
        assertThat(metaData.has("correlationId")).as(metaData.toString()).isTrue();
        assertThat(metaData.has("traceId")).as(metaData.toString()).isTrue();
    }

    @Test
    void recordsHowTheCustomerReachedUs() {
        Response response = as(AGENT).post("/api/refunds", VALID, "X-Customer-Channel", "offline");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);

        JsonNode metaData = eventLog().eventsOf(response.json().path("applicationId").asText()).get(0).metaData();
        assertThat(metaData.path("customerChannel").asText()).isEqualTo("OFFLINE");
    }

    @Test
    void refusesAnUnknownCustomerChannelAndChangesNothing() {
        long issuedBefore = lastIssuedToday();
        long commitsBefore = eventLog().commitCount();

        Response response = as(AGENT).post("/api/refunds", VALID, "X-Customer-Channel", "carrier-pigeon");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("code").asText()).isEqualTo("UNKNOWN_CUSTOMER_CHANNEL");
        assertThat(response.json().path("field").asText()).isEqualTo("X-Customer-Channel");
        assertThat(lastIssuedToday()).isEqualTo(issuedBefore);
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void makesUpARequestIdWhenTheCallerSendsNone() {
        Response response = as(AGENT).post("/api/refunds", VALID);

        assertThat(response.status()).isEqualTo(201);
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).matches(UUID_PATTERN);
        assertThat(eventLog().eventsOf(response.json().path("applicationId").asText()).get(0)
                .metaData().path("requestId").asText()).isEqualTo(requestId);
    }

    @Test
    void replacesARequestIdThatIsNoPlainToken() {
        Response response = as(AGENT).post("/api/refunds", VALID, "X-Request-Id", "<script>alert(1)</script>");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).matches(UUID_PATTERN);
    }

    @Test
    void numbersTheDaysApplicationsConsecutively() {
        String first = as(AGENT).post("/api/refunds", VALID).json().path("applicationNumber").asText();
        String second = as(AGENT).post("/api/refunds", VALID).json().path("applicationNumber").asText();

        long firstSequence = Long.parseLong(first.substring(TODAYS_PREFIX.length() + 1));
        assertThat(second).isEqualTo(String.format("%s-%06d", TODAYS_PREFIX, firstSequence + 1));
    }

    @Test
    void submitsTheTypeTheCustomerChose() {
        Response response = as(AGENT).post("/api/refunds", with(b -> b.put("type", "RETURN_AND_REFUND")));

        assertThat(response.status()).isEqualTo(201);
        assertThat(eventLog().eventsOf(response.json().path("applicationId").asText()).get(0)
                .payload().path("type").asText()).isEqualTo("RETURN_AND_REFUND");
    }

    @Test
    void takesAmountsSentAsJsonNumbersDigitForDigit() {
        // No double holds 90071992547409.93 exactly; the stored amount must still be exactly that.
        String body = with(b -> {
            ((ObjectNode) b.get("paidAmount")).put("amount", new BigDecimal("90071992547409.93"));
            ((ObjectNode) b.get("requestedAmount")).put("amount", new BigDecimal("90071992547409.93"));
        });
        assertThat(body).contains("\"amount\":90071992547409.93");

        Response response = as(AGENT).post("/api/refunds", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(eventLog().eventsOf(response.json().path("applicationId").asText()).get(0)
                .payload().path("requestedAmount").path("amount").asText()).isEqualTo("90071992547409.93");
    }

    static Stream<Arguments> badSubmissions() {
        return Stream.of(
                bad("no customer", b -> b.remove("customerId"), 400, "CUSTOMER_ID_REQUIRED", "customerId"),
                bad("blank order", b -> b.put("orderId", "  "), 400, "ORDER_ID_REQUIRED", "orderId"),
                bad("no paid amount", b -> b.remove("paidAmount"), 400, "PAID_AMOUNT_REQUIRED", "paidAmount"),
                bad("amount without currency", b -> ((ObjectNode) b.get("paidAmount")).remove("currency"),
                        400, "MONEY_CURRENCY_REQUIRED", "paidAmount.currency"),
                bad("unparsable amount", b -> ((ObjectNode) b.get("requestedAmount")).put("amount", "1.200,00"),
                        400, "MONEY_AMOUNT_INVALID", "requestedAmount.amount"),
                bad("sub-cent amount", b -> ((ObjectNode) b.get("requestedAmount")).put("amount", "100.001"),
                        400, "MONEY_AMOUNT_TOO_PRECISE", "requestedAmount.amount"),
                bad("unknown currency", b -> ((ObjectNode) b.get("paidAmount")).put("currency", "RMB"),
                        400, "UNKNOWN_CURRENCY", "paidAmount.currency"),
                bad("unknown reason category", b -> b.put("reasonCategory", "BROKEN_SCREEN"),
                        400, "UNKNOWN_REASON_CATEGORY", "reasonCategory"),
                bad("no reason category", b -> b.remove("reasonCategory"), 400, "REASON_CATEGORY_REQUIRED", "reasonCategory"),
                bad("unknown payout method", b -> b.put("payoutMethod", "CASH"), 400, "UNKNOWN_PAYOUT_METHOD", "payoutMethod"),
                bad("unknown type", b -> b.put("type", "REFUND"), 400, "UNKNOWN_REFUND_TYPE", "type"),
                bad("timestamp without offset", b -> b.put("purchasedAt", "2026-11-01T10:00:00"),
                        400, "PURCHASED_AT_INVALID", "purchasedAt"),
                bad("overlong reason text", b -> b.put("reasonText", "坏".repeat(501)), 400, "REASON_TEXT_TOO_LONG", "reasonText"),
                bad("request above paid", b -> ((ObjectNode) b.get("requestedAmount")).put("amount", "1200.01"),
                        422, "REQUESTED_EXCEEDS_PAID", "requestedAmount"),
                bad("request in another currency", b -> ((ObjectNode) b.get("requestedAmount")).put("currency", "USD"),
                        422, "CURRENCY_MISMATCH", "requestedAmount.currency"),
                bad("request of nothing", b -> ((ObjectNode) b.get("requestedAmount")).put("amount", "0.00"),
                        422, "REQUESTED_AMOUNT_NOT_POSITIVE", "requestedAmount.amount"),
                bad("purchase tomorrow", b -> b.put("purchasedAt", "2026-11-24T10:00:00+08:00"),
                        422, "PURCHASED_AT_IN_FUTURE", "purchasedAt"));
    }

    static Arguments bad(String what, Consumer<ObjectNode> change, int status, String code, String field) {
        return Arguments.of(what, with(change), status, code, field);
    }

    @ParameterizedTest(name = "{0}: {2} {3} on {4}")
    @MethodSource("badSubmissions")
    void refusesABadSubmissionWithAProblemAndRecordsNothing(String what, String body, int status, String code,
                                                            String field) {
        long commitsBefore = eventLog().commitCount();
        long issuedBefore = lastIssuedToday();

        Response response = as(AGENT).post("/api/refunds", body, "X-Request-Id", "req-bad-1");

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.json().path("field").asText()).isEqualTo(field);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-bad-1");
        assertThat(eventLog().commitCount()).as("commits").isEqualTo(commitsBefore);
        // Refused before a number was issued: no hole in the day's numbering.
        assertThat(lastIssuedToday()).as("numbers issued").isEqualTo(issuedBefore);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{\"customerId\": ", "MALFORMED_REQUEST"),
                Arguments.of("misspelt optional field", with(b -> b.put("tpye", "EXCHANGE")), "MALFORMED_REQUEST"),
                Arguments.of("amount as an object", with(b -> ((ObjectNode) b.get("paidAmount")).putObject("amount")),
                        "MALFORMED_REQUEST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void refusesABodyItCannotReadAsASubmission(String what, String body, String code) {
        long commitsBefore = eventLog().commitCount();

        Response response = as(AGENT).post("/api/refunds", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        Response response = as(AGENT).postWithContentType("/api/refunds", "text/plain", VALID);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
}
