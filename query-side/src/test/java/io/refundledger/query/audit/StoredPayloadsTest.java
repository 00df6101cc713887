package io.refundledger.query.audit;

import io.refundledger.infrastructure.serialization.LedgerSerializers;
import io.refundledger.query.testing.GeneratedHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A history entry's payload is what Document.parse makes of the stored JSON, value types included. */
class StoredPayloadsTest {

    @Test
    void everyGeneratedEventIsStoredAsDocumentParseReadsItsJson() throws Exception {
        List<DomainEventMessage<?>> history = GeneratedHistory.of(4_401).applications(300).subscriptions(40).events();
        Set<Class<?>> types = new HashSet<>();
        for (DomainEventMessage<?> event : history) {
            String json = LedgerSerializers.storageObjectMapper().writeValueAsString(event.getPayload());
            Document stored = StoredPayloads.toDocument(event.getPayload());
            // Document.equals tells an Integer from a Long and a Double from either.
            assertThat(stored).as(json).isEqualTo(Document.parse(json));
            assertSameValueTypes(stored, Document.parse(json), json);
            types.add(event.getPayloadType());
        }
        assertThat(types).as("event types covered").hasSizeGreaterThan(30);
    }

    @Test
    void numbersGetTheTypesDocumentParseGivesThem() {
        String json = """
                {"small": 7, "negative": -2147483648, "large": 2147483648, "decimal": 12.5, "exponent": 1e3,
                 "list": [1, 9000000000, 0.25, "x", true, null, {"inner": -1}], "nested": {"flag": false}}""";

        Document parsed = StoredPayloads.parse(json.getBytes());

        assertThat(parsed).isEqualTo(Document.parse(json));
        assertSameValueTypes(parsed, Document.parse(json), json);
        assertThat(parsed.get("small")).isInstanceOf(Integer.class);
        assertThat(parsed.get("large")).isInstanceOf(Long.class);
        assertThat(parsed.get("exponent")).isEqualTo(1000.0);
    }

    @Test
    void whatOnlyDocumentParseReadsIsLeftToIt() {
        String extendedJson = """
                {"when": {"$date": "2026-11-03T08:00:00Z"}, "count": {"$numberLong": "5"}}""";

        Document parsed = StoredPayloads.parse(extendedJson.getBytes());

        assertThat(parsed).isEqualTo(Document.parse(extendedJson));
        assertThat(parsed.get("when")).isInstanceOf(java.util.Date.class);
        assertThat(parsed.get("count")).isEqualTo(5L);
    }

    @Test
    void whatDocumentParseRefusesIsRefusedAlike() {
        String huge = "{\"huge\": 123456789012345678901234567890}";

        assertThatThrownBy(() -> Document.parse(huge)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> StoredPayloads.parse(huge.getBytes())).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> StoredPayloads.parse("not json")).isInstanceOf(RuntimeException.class);
    }

    private static void assertSameValueTypes(Object actual, Object expected, String json) {
        if (expected instanceof Map<?, ?> expectedMap) {
            assertThat(actual).as(json).isInstanceOf(Document.class);
            expectedMap.forEach((key, value) -> assertSameValueTypes(((Map<?, ?>) actual).get(key), value, json));
        } else if (expected instanceof List<?> expectedList) {
            List<?> actualList = (List<?>) actual;
            for (int i = 0; i < expectedList.size(); i++) {
                assertSameValueTypes(actualList.get(i), expectedList.get(i), json);
            }
        } else if (expected != null) {
            assertThat(actual).as(json).isExactlyInstanceOf(expected.getClass());
        }
    }
}
