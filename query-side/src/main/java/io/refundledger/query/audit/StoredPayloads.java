package io.refundledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.axonframework.serialization.Revision;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.util.Map;
import java.util.Optional;

/**
 * Turns an event into the document kept in its history entry, and back. Both ways use the storage mapper, so
 * an entry holds the event exactly as the event store writes it (amounts as decimal strings, instants as ISO
 * text) and it reads back into the same record.
 */
final class StoredPayloads {

    private static final ObjectMapper MAPPER = LedgerSerializers.storageObjectMapper();
    private static final JsonWriterSettings PLAIN_JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private StoredPayloads() {
    }

    static Document toDocument(Object event) {
        try {
            return Document.parse(MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + event.getClass().getName() + " as JSON", e);
        }
    }

    static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /**
     * The event an entry records, or empty when its type is not known to this build (the entry still shows its
     * payload; it just cannot be replayed into state).
     */
    static Optional<Object> toEvent(AuditEntry entry) {
        Class<?> type;
        try {
            type = Class.forName(entry.payloadType());
        } catch (ClassNotFoundException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(new Document(entry.payload()).toJson(PLAIN_JSON), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("History entry at position " + entry.globalPosition()
                    + " does not read back as " + entry.payloadType() + ": " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> parse(String json) {
        return Document.parse(json);
    }
}
