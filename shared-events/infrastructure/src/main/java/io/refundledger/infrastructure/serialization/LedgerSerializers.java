package io.refundledger.infrastructure.serialization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;

/**
 * The one place that decides how events, messages and tokens look when stored. The ObjectMapper here is
 * private to storage: web JSON settings can never change what is written to the event store.
 * No default typing: the stored type is the event's class name plus its {@code @Revision}.
 */
public final class LedgerSerializers {

    private LedgerSerializers() {
    }

    /** A fresh mapper with the storage settings; never the application's web ObjectMapper. */
    public static ObjectMapper storageObjectMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Unknown fields mean an upcaster is missing: fail loudly rather than drop data.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Store state, not behaviour: only fields (record components), never derived getters such as
                // Money.isPositive(), which would otherwise be written and then refused on reading.
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
        // Money amounts are stored as decimal strings, never as binary floating point.
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }

    public static JacksonSerializer storageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }
}
