package io.refundledger.query.audit.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.query.QuerySideIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrity endpoints over HTTP, on the shared event store. Tests that tamper with a commit put the original
 * back before they end, because every other test shares this log.
 */
class IntegrityApiTest extends QuerySideIntegrationTest {

    @Autowired
    private MongoDatabase database;

    private MongoCollection<Document> commits() {
        return database.getCollection(MongoCommitLogStorageEngine.COMMITS);
    }

    private long publishProbe(String aggregateId, long sequence) {
        return publish("AuditProbe", aggregateId, sequence, new ProbeRecorded(aggregateId, "probe " + sequence));
    }

    @Test
    void anAuditorSeesThatTheLogIsIntact() {
        long position = publishProbe(UUID.randomUUID().toString(), 0);

        ResponseEntity<JsonNode> response = as("auditor").getForEntity("/api/audit/integrity", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("intact").asBoolean()).isTrue();
        assertThat(response.getBody().get("headPosition").asLong()).isGreaterThanOrEqualTo(position);
        assertThat(response.getBody().get("firstBrokenLink").isNull()).isTrue();
    }

    @Test
    void anAlteredCommitIsReportedAtItsPositionForTheWholeLogAndItsAggregate() {
        String aggregateId = UUID.randomUUID().toString();
        publishProbe(aggregateId, 0);
        long altered = publishProbe(aggregateId, 1);
        Document original = commits().find(Filters.eq("_id", altered)).first();
        try {
            commits().updateOne(Filters.eq("_id", altered),
                    new Document("$set", new Document("events.0.metaData", "{\"actor\":\"someone-else\"}")));

            JsonNode log = as("auditor").getForObject("/api/audit/integrity", JsonNode.class);
            JsonNode aggregate = as("admin").getForObject("/api/audit/integrity/aggregates/" + aggregateId, JsonNode.class);
            ResponseEntity<JsonNode> digest = as("auditor").postForEntity("/api/audit/digests", null, JsonNode.class);

            assertThat(log.get("intact").asBoolean()).isFalse();
            assertThat(log.at("/firstBrokenLink/kind").asText()).isEqualTo("ALTERED");
            assertThat(log.at("/firstBrokenLink/position").asLong()).isEqualTo(altered);
            assertThat(log.at("/firstBrokenLink/expected").asText()).isEqualTo(original.getString("hash"));
            assertThat(aggregate.get("intact").asBoolean()).isFalse();
            assertThat(aggregate.get("commitsChecked").asLong()).isEqualTo(1);
            assertThat(aggregate.at("/firstBrokenLink/position").asLong()).isEqualTo(altered);
            assertThat(digest.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(digest.getBody().get("code").asText()).isEqualTo("AUDIT_LOG_NOT_INTACT");
        } finally {
            commits().replaceOne(Filters.eq("_id", altered), original);
        }
        assertThat(as("auditor").getForObject("/api/audit/integrity", JsonNode.class).get("intact").asBoolean()).isTrue();
    }

    @Test
    void oneAggregatesCommitsVerify() {
        String aggregateId = UUID.randomUUID().toString();
        publishProbe(aggregateId, 0);
        publishProbe(UUID.randomUUID().toString(), 0);
        publishProbe(aggregateId, 1);

        JsonNode result = as("auditor").getForObject("/api/audit/integrity/aggregates/" + aggregateId, JsonNode.class);

        assertThat(result.get("aggregateId").asText()).isEqualTo(aggregateId);
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("commitsChecked").asLong()).isEqualTo(2);
        assertThat(result.get("lastSequence").asLong()).isEqualTo(1);
    }

    @Test
    void anAggregateWithoutEventsIsNotFound() {
        ResponseEntity<JsonNode> response = as("auditor").getForEntity("/api/audit/integrity/aggregates/no-such-application",
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("code").asText()).isEqualTo("AUDIT_AGGREGATE_NOT_FOUND");
    }

    @Test
    void anExportedDigestVerifiesLaterAndCountsWhatWasAppended() {
        publishProbe(UUID.randomUUID().toString(), 0);
        JsonNode kept = as("auditor").postForObject("/api/audit/digests", null, JsonNode.class);
        publishProbe(UUID.randomUUID().toString(), 0);
        publishProbe(UUID.randomUUID().toString(), 0);

        ResponseEntity<JsonNode> response = as("admin").postForEntity("/api/audit/digests/verify", json(kept), JsonNode.class);

        assertThat(kept.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("valid").asBoolean()).isTrue();
        assertThat(response.getBody().get("commitsAppendedSince").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDigestWithAChangedHeadHashDoesNotVerify() {
        publishProbe(UUID.randomUUID().toString(), 0);
        JsonNode kept = as("auditor").postForObject("/api/audit/digests", null, JsonNode.class);
        ((com.fasterxml.jackson.databind.node.ObjectNode) kept).put("headHash", "0".repeat(64));

        JsonNode result = as("auditor").postForObject("/api/audit/digests/verify", json(kept), JsonNode.class);

        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("signatureValid").asBoolean()).isFalse();
        assertThat(result.get("historyUnchanged").asBoolean()).isFalse();
    }

    @Test
    void aDigestWithoutSignatureIsABadRequestNamingTheField() {
        String body = "{\"headPosition\":1,\"headHash\":\"" + "0".repeat(64) + "\",\"createdAt\":\"2026-11-23T00:00:00Z\","
                + "\"algorithm\":\"Ed25519\",\"keyId\":\"abc\"}";

        ResponseEntity<JsonNode> response = as("auditor").postForEntity("/api/audit/digests/verify", json(body), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("code").asText()).isEqualTo("AUDIT_DIGEST_INCOMPLETE");
        assertThat(response.getBody().get("field").asText()).isEqualTo("signature");
    }

    @Test
    void thePublicKeyIsPublishedForCheckingDigestsOutsideTheSystem() {
        JsonNode kept = as("auditor").postForObject("/api/audit/digests", null, JsonNode.class);

        JsonNode key = as("auditor").getForObject("/api/audit/digests/public-key", JsonNode.class);

        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(key.get("keyId").asText()).isEqualTo(kept.get("keyId").asText());
        assertThat(key.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
            "GET, /api/audit/integrity, agent, 403",
            "GET, /api/audit/integrity, finance, 403",
            "GET, /api/audit/integrity/aggregates/x, reviewer, 403",
            "POST, /api/audit/digests, agent, 403",
            "POST, /api/audit/digests/verify, finance, 403",
            "GET, /api/audit/digests/public-key, agent, 403",
            "GET, /api/audit/integrity, admin, 200",
            "GET, /api/audit/digests/public-key, admin, 200",
            "POST, /api/audit/digests, admin, 200"})
    void onlyAuditorsAndAdminsMayCheckIntegrity(String method, String path, String user, int status) {
        ResponseEntity<String> response = as(user).exchange(path, HttpMethod.valueOf(method), json("{}"), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(status);
    }

    @Test
    void withoutCredentialsTheAnswerIs401() {
        assertThat(anonymous.getForEntity("/api/audit/integrity", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body instanceof JsonNode node ? node.toString() : body, headers);
    }

    record ProbeRecorded(String probeId, String note) {
    }
}
