package io.refundledger.command.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.DemoUsers;
import io.refundledger.command.testing.Submissions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.refundledger.command.testing.DemoUsers.AGENT;
import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input under load (issue 13): whatever a client sends, the answer is a 4xx RFC 7807 problem naming the rule
 * (and the field, where there is one), never a 5xx, and nothing is stored: no event, no application number.
 */
class BadInputOverHttpTest extends CommandSideSpringTest {

    /** A submission that would be accepted, with one thing changed. */
    static String submission(Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(Submissions.valid());
            change.accept(body);
            return body.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Consumer<ObjectNode> requestedAmount(String amount) {
        return b -> ((ObjectNode) b.get("requestedAmount")).put("amount", amount);
    }

    /** A submission as the agent; the body is sent as written (so it may be no JSON at all). */
    static Function<BadInputOverHttpTest, Response> submit(String body) {
        return test -> test.as(AGENT).post("/api/refunds", body);
    }

    static Arguments bad(String what, Function<BadInputOverHttpTest, Response> request, int status, String code,
                         String field) {
        return Arguments.of(what, request, status, code, field);
    }

    static String encoded(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badInputs() {
        String notFound = UUID.randomUUID().toString();
        return Stream.of(
                bad("malformed JSON", submit("{\"customerId\": "), 400, "MALFORMED_REQUEST", null),
                bad("a JSON array instead of an object", submit("[1,2,3]"), 400, "MALFORMED_REQUEST", null),
                bad("no body at all", test -> test.as(AGENT).post("/api/refunds", null), 400, "MALFORMED_REQUEST", null),
                bad("an empty object", submit("{}"), 400, "CUSTOMER_ID_REQUIRED", "customerId"),
                bad("a missing field", submit(submission(b -> b.remove("orderId"))), 400, "ORDER_ID_REQUIRED", "orderId"),
                bad("a missing amount", submit(submission(b -> b.remove("requestedAmount"))),
                        400, "REQUESTED_AMOUNT_REQUIRED", "requestedAmount"),
                bad("a duplicate JSON field", submit(Submissions.valid().replaceFirst("\\{", "{\"customerId\":\"C-9999\",")),
                        400, "MALFORMED_REQUEST", null),
                bad("a negative amount", submit(submission(requestedAmount("-5.00"))),
                        422, "REQUESTED_AMOUNT_NOT_POSITIVE", "requestedAmount.amount"),
                bad("a negative paid amount", submit(submission(b -> ((ObjectNode) b.get("paidAmount")).put("amount", "-800.00"))),
                        422, "PAID_AMOUNT_NOT_POSITIVE", "paidAmount.amount"),
                bad("a zero amount", submit(submission(requestedAmount("0"))),
                        422, "REQUESTED_AMOUNT_NOT_POSITIVE", "requestedAmount.amount"),
                bad("an amount of \"NaN\"", submit(submission(requestedAmount("NaN"))),
                        400, "MONEY_AMOUNT_INVALID", "requestedAmount.amount"),
                bad("an amount of bare NaN (no JSON)", submit(submission(requestedAmount("@")).replace("\"@\"", "NaN")),
                        400, "MALFORMED_REQUEST", null),
                bad("an amount of \"Infinity\"", submit(submission(requestedAmount("Infinity"))),
                        400, "MONEY_AMOUNT_INVALID", "requestedAmount.amount"),
                bad("an amount of 1e309 (beyond any double)", submit(submission(requestedAmount("@")).replace("\"@\"", "1e309")),
                        400, "MONEY_AMOUNT_TOO_LARGE", "requestedAmount.amount"),
                bad("an amount of 1E+999999999", submit(submission(requestedAmount("1E+999999999"))),
                        400, "MONEY_AMOUNT_TOO_LARGE", "requestedAmount.amount"),
                bad("an unknown currency", submit(submission(b -> ((ObjectNode) b.get("paidAmount")).put("currency", "RMB"))),
                        400, "UNKNOWN_CURRENCY", "paidAmount.currency"),
                bad("a currency in lower case", submit(submission(b -> ((ObjectNode) b.get("paidAmount")).put("currency", "cny"))),
                        400, "UNKNOWN_CURRENCY", "paidAmount.currency"),
                bad("gold as currency", submit(submission(b -> ((ObjectNode) b.get("paidAmount")).put("currency", "XAU"))),
                        400, "UNKNOWN_CURRENCY", "paidAmount.currency"),
                bad("an unknown reason category", submit(submission(b -> b.put("reasonCategory", "BROKEN_SCREEN"))),
                        400, "UNKNOWN_REASON_CATEGORY", "reasonCategory"),
                bad("an unknown payout method", submit(submission(b -> b.put("payoutMethod", "CASH"))),
                        400, "UNKNOWN_PAYOUT_METHOD", "payoutMethod"),
                bad("an unknown type", submit(submission(b -> b.put("type", "REFUND"))), 400, "UNKNOWN_REFUND_TYPE", "type"),
                bad("an id shaped like a query operator", submit(submission(b -> b.putObject("customerId").put("$gt", ""))),
                        400, "MALFORMED_REQUEST", null),
                bad("an order id shaped like a query operator",
                        submit(Submissions.valid().replaceFirst("\"orderId\":\"[^\"]*\"", "\"orderId\":{\"\\$ne\":null}")),
                        400, "MALFORMED_REQUEST", null),
                bad("a query operator as the application id in the path",
                        test -> test.as(REVIEWER).post("/api/refunds/" + encoded("{\"$gt\":\"\"}") + "/approve", "{}"),
                        404, "NOT_FOUND", null),
                bad("a query operator as the reviewer to assign",
                        test -> test.as(DemoUsers.ADMIN).post("/api/refunds/" + notFound + "/assign",
                                "{\"reviewerId\":{\"$gt\":\"\"}}"),
                        400, "MALFORMED_REQUEST", null),
                // Longer than the request line and headers may be together: Tomcat refuses it, as a problem too.
                bad("a 10,000-character application id in the path",
                        test -> test.as(REVIEWER).post("/api/refunds/" + "a".repeat(10_000) + "/approve", "{}"),
                        400, "REQUEST_UNREADABLE", null),
                bad("a 2,000-character application id in the path",
                        test -> test.as(REVIEWER).post("/api/refunds/" + "a".repeat(2_000) + "/approve", "{}"),
                        400, "APPLICATION_ID_TOO_LONG", "applicationId"),
                bad("a 65-character payout id in the path",
                        test -> test.as(DemoUsers.FINANCE).post("/api/refunds/" + notFound + "/payouts/" + "p".repeat(65)
                                + "/success", "{\"externalReference\":\"BANK-1\"}"),
                        400, "PAYOUT_ID_TOO_LONG", "payoutId"),
                bad("an encoded slash in an id (Tomcat refuses it)",
                        test -> test.as(REVIEWER).post("/api/refunds/a%2Fb/approve", "{}"), 400, "REQUEST_UNREADABLE", null),
                bad("an encoded semicolon in an id (Spring Security's firewall refuses it)",
                        test -> test.as(REVIEWER).post("/api/refunds/a%3Bb/approve", "{}"), 400, "REQUEST_REJECTED", null),
                bad("a request header of 10,000 characters", test -> test.as(AGENT).post("/api/refunds",
                        Submissions.valid(), "X-Customer-Channel", "O".repeat(10_000)), 400, "REQUEST_UNREADABLE", null),
                bad("a 1,000-character subscription id in the path",
                        test -> test.as(AGENT).post("/api/subscriptions/" + "S".repeat(1_000) + "/seats", "{\"seats\":\"3\"}"),
                        400, "SUBSCRIPTION_ID_TOO_LONG", "subscriptionId"),
                bad("a 1 MB field", submit(submission(b -> b.put("reasonText", "x".repeat(1 << 20)))),
                        413, "BODY_TOO_LARGE", null),
                bad("a 10,000-character reason", submit(submission(b -> b.put("reasonText", "x".repeat(10_000)))),
                        400, "REASON_TEXT_TOO_LONG", "reasonText"),
                bad("a 65-character customer id", submit(submission(b -> b.put("customerId", "C".repeat(65)))),
                        400, "CUSTOMER_ID_TOO_LONG", "customerId"),
                bad("a 5,000-digit amount", submit(submission(requestedAmount("9".repeat(5_000)))),
                        400, "REQUESTED_AMOUNT_AMOUNT_TOO_LONG", "requestedAmount.amount"),
                bad("a 5,000-character date", submit(submission(b -> b.put("purchasedAt", "2".repeat(5_000)))),
                        400, "PURCHASED_AT_TOO_LONG", "purchasedAt"),
                bad("a 5,000-character reason category", submit(submission(b -> b.put("reasonCategory", "X".repeat(5_000)))),
                        400, "REASON_CATEGORY_TOO_LONG", "reasonCategory"),
                bad("a 5,000-character rejection reason",
                        test -> test.as(REVIEWER).post("/api/refunds/" + notFound + "/reject",
                                "{\"reason\":\"" + "r".repeat(5_000) + "\"}"),
                        400, "REASON_TOO_LONG", "reason"),
                bad("a 5,000-character attachment reference",
                        test -> test.as(AGENT).post("/api/refunds/" + notFound + "/information",
                                "{\"answer\":\"ok\",\"attachmentReferences\":[\"a\",\"" + "r".repeat(5_000) + "\"]}"),
                        400, "ATTACHMENT_REFERENCES_TOO_LONG", "attachmentReferences[1]"),
                bad("a 5,000-character tracking number",
                        test -> test.as(AGENT).post("/api/refunds/" + notFound + "/return-shipment",
                                "{\"carrier\":\"SF\",\"trackingNumber\":\"" + "1".repeat(5_000) + "\"}"),
                        400, "TRACKING_NUMBER_TOO_LONG", "trackingNumber"),
                bad("a 5,000-character contact name",
                        test -> test.as(AGENT).post("/api/subscriptions",
                                "{\"customerId\":\"C-1\",\"contact\":{\"name\":\"" + "王".repeat(5_000) + "\"}}"),
                        400, "CONTACT_NAME_TOO_LONG", "contact.name"),
                bad("a text/plain body", test -> test.as(AGENT).postWithContentType("/api/refunds", "text/plain",
                        Submissions.valid()), 415, "UNSUPPORTED_MEDIA_TYPE", null),
                bad("an application/xml body", test -> test.as(AGENT).postWithContentType("/api/refunds", "application/xml",
                        "<refund><customerId>C-1</customerId></refund>"), 415, "UNSUPPORTED_MEDIA_TYPE", null),
                bad("asking for an XML answer", test -> test.as(AGENT).post("/api/refunds", Submissions.valid(),
                        "Accept", "application/xml"), 406, "NOT_ACCEPTABLE", null),
                bad("a wrong password", test -> test.withAuthorization(DemoUsers.basicAuth(AGENT, "guess"))
                        .post("/api/refunds", Submissions.valid()), 401, "UNAUTHENTICATED", null),
                bad("an unknown user", test -> test.withAuthorization(DemoUsers.basicAuth("mallory", "mallory-demo"))
                        .post("/api/refunds", Submissions.valid()), 401, "UNAUTHENTICATED", null),
                bad("a garbage Basic header", test -> test.withAuthorization("Basic !!not-base64!!")
                        .post("/api/refunds", Submissions.valid()), 401, "UNAUTHENTICATED", null),
                bad("a Basic header without a colon", test -> test.withAuthorization("Basic "
                                + Base64.getEncoder().encodeToString("agent".getBytes(StandardCharsets.UTF_8)))
                        .post("/api/refunds", Submissions.valid()), 401, "UNAUTHENTICATED", null),
                bad("a forged bearer token", test -> test.withAuthorization("Bearer eyJhbGciOiJub25lIn0."
                                + "eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.")
                        .post("/api/refunds", Submissions.valid()), 401, "UNAUTHENTICATED", null),
                bad("no credentials", test -> test.anonymous().post("/api/refunds", Submissions.valid()),
                        401, "UNAUTHENTICATED", null));
    }

    long lastIssuedToday() {
        Document counter = database.getCollection(ApplicationNumberIssuer.COLLECTION)
                .find(Filters.eq("_id", TODAYS_PREFIX)).first();
        return counter == null ? 0 : ((Number) counter.get("lastIssued")).longValue();
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("badInputs")
    void refusesBadInputWithAProblemDocumentAndStoresNothing(String what, Function<BadInputOverHttpTest, Response> request,
                                                             int status, String code, String field) {
        long commitsBefore = eventLog().commitCount();
        long issuedBefore = lastIssuedToday();

        Response response = request.apply(this);

        assertProblem(response, status, code, field);
        assertThat(eventLog().commitCount()).as("commits").isEqualTo(commitsBefore);
        assertThat(lastIssuedToday()).as("application numbers issued").isEqualTo(issuedBefore);
    }

    @Test
    void refusesABodyOverTheLimitThatArrivesWithoutAContentLength() {
        long commitsBefore = eventLog().commitCount();
        byte[] body = submission(b -> b.put("reasonText", "x".repeat(70 * 1024))).getBytes(StandardCharsets.UTF_8);

        Response response = as(AGENT).postChunked("/api/refunds", body);

        assertProblem(response, 413, "BODY_TOO_LARGE", null);
        assertThat(response.json().path("detail").asText()).contains("65536");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void acceptsABodyUnderTheLimitThatArrivesWithoutAContentLength() {
        Response response = as(AGENT).postChunked("/api/refunds", Submissions.valid().getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void acceptsAnIdShapedLikeAQueryOperatorAsPlainTextAndFindsNothingWithIt() {
        // Sent as a string it is only text: it matches no stored application, rather than every one.
        Response response = as(REVIEWER).post("/api/refunds/" + encoded("{\"$ne\":null}") + "/reject",
                "{\"reason\":\"outside the window\"}");

        assertProblem(response, 404, "NOT_FOUND", null);
    }

    static void assertProblem(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).as(response.toString()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().path("field").asText()).as(response.toString()).isEqualTo(field);
        }
    }
}
