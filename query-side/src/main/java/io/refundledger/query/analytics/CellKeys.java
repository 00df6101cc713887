package io.refundledger.query.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cell ids: the day and the dimension values joined with {@code |}, e.g.
 * {@code 2026-11-23|PRODUCT_QUALITY|CRM-PRO|SMB|ONLINE}. A {@code |} or {@code %} inside a value is
 * percent-encoded, so two different cells never share an id.
 */
public final class CellKeys {

    /** The value of a dimension the events did not state. */
    public static final String UNKNOWN = "UNKNOWN";

    private CellKeys() {
    }

    public static String join(String... parts) {
        return Arrays.stream(parts).map(CellKeys::escape).collect(Collectors.joining("|"));
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace("|", "%7C");
    }

    /** The stated value, stripped, or {@link #UNKNOWN}. */
    public static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value.strip();
    }

    /** How the customer reached us, from the event metadata: ONLINE, OFFLINE, or UNKNOWN when not said. */
    public static String channel(Object metadataValue) {
        if (metadataValue == null) {
            return UNKNOWN;
        }
        String channel = metadataValue.toString().strip().toUpperCase(Locale.ROOT);
        return channel.equals("ONLINE") || channel.equals("OFFLINE") ? channel : UNKNOWN;
    }
}
