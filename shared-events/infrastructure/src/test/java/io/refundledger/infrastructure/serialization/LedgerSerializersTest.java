package io.refundledger.infrastructure.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the stored JSON shape: what is written here is read back years later. */
class LedgerSerializersTest {

    private final ObjectMapper mapper = LedgerSerializers.storageObjectMapper();
    private final Serializer serializer = LedgerSerializers.storageSerializer();

    @Test
    void storesMoneyAsADecimalStringAndItsCurrencyOnly() throws Exception {
        assertThat(mapper.writeValueAsString(Money.of("1200", "CNY")))
                .isEqualTo("{\"amount\":\"1200.00\",\"currency\":\"CNY\"}");
        assertThat(mapper.readValue("{\"amount\":\"0.10\",\"currency\":\"CNY\"}", Money.class))
                .isEqualTo(Money.of("0.1", "CNY"));
    }

    @Test
    void roundTripsAnEventWithItsTypeAndRevision() {
        RefundApplicationSubmitted event = new RefundApplicationSubmitted("app-1", "RF-20261123-000001", "C-1001",
                "SO-1", RefundType.REFUND_ONLY, Money.of("1200.00", "CNY"), Money.of("99.99", "CNY"),
                RefundReasonCategory.PRODUCT_QUALITY, "屏幕有坏点", PayoutMethod.ORIGINAL_PAYMENT,
                Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-23T04:05:06.789Z"),
                null, ProductUsage.NOT_USED, null, null, Money.of("50", "CNY"), "CRM-MOBILE-PRO", "SMB", null);

        SerializedObject<String> stored = serializer.serialize(event, String.class);

        assertThat(stored.getType().getName()).isEqualTo(RefundApplicationSubmitted.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo("3");
        assertThat(stored.getData())
                .contains("\"requestedAmount\":{\"amount\":\"99.99\",\"currency\":\"CNY\"}")
                .contains("\"submittedAt\":\"2026-11-23T04:05:06.789Z\"")
                .doesNotContain("positive").doesNotContain("zero");
        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void roundTripsTrackingTokens() {
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(42);
        SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(token);
    }
}
