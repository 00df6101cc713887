package io.refundledger.command.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the event store really wrote (one document per commit, an {@code events} array inside), by the
 * same unique-key lookups the engine uses.
 */
public final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> commits;

    public EventLog(MongoDatabase database) {
        this.commits = database.getCollection(MongoCommitLogStorageEngine.COMMITS);
    }

    public long commitCount() {
        return commits.countDocuments();
    }

    /** The events of one aggregate, in sequence; empty when it does not exist. */
    public List<StoredEvent> eventsOf(String aggregateId) {
        List<StoredEvent> events = new ArrayList<>();
        for (long sequence = 0; ; sequence++) {
            Document commit = commits.find(Filters.eq("aggregateKeys", aggregateId + ":" + sequence)).first();
            if (commit == null) {
                return events;
            }
            long wanted = sequence;
            Document event = commit.getList("events", Document.class).stream()
                    .filter(e -> aggregateId.equals(e.getString("aggregateId")) && e.getLong("sequence") == wanted)
                    .findFirst().orElseThrow();
            events.add(new StoredEvent(event.getString("payloadType"), parse(event.getString("payload")),
                    parse(event.getString("metaData"))));
        }
    }

    /**
     * Every stored event whose metadata has {@code key} = {@code value}, in commit order. A full scan: for
     * tests asking "what did this request (or idempotency key, or user) cause?".
     */
    public List<StoredEvent> eventsWithMetaData(String key, String value) {
        List<StoredEvent> found = new ArrayList<>();
        for (Document commit : commits.find()) {
            for (Document event : commit.getList("events", Document.class)) {
                JsonNode metaData = parse(event.getString("metaData"));
                if (value.equals(metaData.path(key).asText(null))) {
                    found.add(new StoredEvent(event.getString("payloadType"), parse(event.getString("payload")), metaData));
                }
            }
        }
        return found;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stored JSON is not JSON: " + json, e);
        }
    }

    public record StoredEvent(String payloadType, JsonNode payload, JsonNode metaData) {

        public String payloadSimpleName() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }
}
