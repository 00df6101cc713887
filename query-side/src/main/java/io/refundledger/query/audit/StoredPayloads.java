package io.refundledger.query.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.axonframework.serialization.Revision;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** A value that {@link #read} leaves to {@link Document#parse}. */
    private static final Object NOT_PLAIN = new Object();

    private StoredPayloads() {
    }

    static Document toDocument(Object event) {
        try {
            return parse(MAPPER.writeValueAsBytes(event));
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
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A JSON object as {@link Document#parse} reads it: whole numbers as int32 when they fit, else int64, other numbers
     * as doubles, objects as documents, arrays as lists. Read with Jackson, because the driver's JSON scanner took a
     * tenth of the audit history's time in a rebuild. What only {@link Document#parse} reads as it does (extended
     * JSON's {@code $} keys, whole numbers beyond 64 bits) goes to it.
     */
    static Document parse(byte[] json) {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT && read(parser, JsonToken.START_OBJECT) instanceof Document document
                    && parser.nextToken() == null) {
                return document;
            }
        } catch (IOException e) {
            // Document.parse below names what is wrong with it
        }
        return Document.parse(new String(json, StandardCharsets.UTF_8));
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Document document = new Document();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    Object value = name.startsWith("$") ? NOT_PLAIN : read(parser, parser.nextToken());
                    if (value == NOT_PLAIN) {
                        return NOT_PLAIN;
                    }
                    document.put(name, value);
                }
                return document;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    Object value = read(parser, next);
                    if (value == NOT_PLAIN) {
                        return NOT_PLAIN;
                    }
                    list.add(value);
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> parser.getLongValue();
                    default -> NOT_PLAIN;
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return NOT_PLAIN;
            }
        }
    }
}
