package io.refundledger.query.analytics.refund;

import java.util.function.Function;

/** The dimension refund analytics are broken down by. */
public enum RefundGroupBy {
    REASON(RefundCellKey::reason),
    PRODUCT(RefundCellKey::productId),
    SEGMENT(RefundCellKey::segment),
    CHANNEL(RefundCellKey::channel);

    private final Function<RefundCellKey, String> value;

    RefundGroupBy(Function<RefundCellKey, String> value) {
        this.value = value;
    }

    public String valueOf(RefundCellKey key) {
        return value.apply(key);
    }
}
