package io.refundledger.query.analytics.refund;

import java.util.function.Function;

/** The dimension refund analytics are broken down by. */
public enum RefundGroupBy {
    REASON(RefundCellKey::reason, "byReason"),
    PRODUCT(RefundCellKey::productId, "byProduct"),
    SEGMENT(RefundCellKey::segment, "bySegment"),
    CHANNEL(RefundCellKey::channel, "byChannel");

    private final Function<RefundCellKey, String> value;
    private final String summaryField;

    RefundGroupBy(Function<RefundCellKey, String> value, String summaryField) {
        this.value = value;
        this.summaryField = summaryField;
    }

    /** The field of a unit summary holding the figures per value of this dimension. */
    public String summaryField() {
        return summaryField;
    }

    public String valueOf(RefundCellKey key) {
        return value.apply(key);
    }
}
