package io.refundledger.query.analytics.cancellation;

import java.util.function.Function;

/** The dimension cancellation analytics are broken down by. */
public enum CancellationGroupBy {
    REASON(CancellationCellKey::reason),
    PLAN(CancellationCellKey::planCode),
    PRODUCT(CancellationCellKey::productId),
    SEGMENT(CancellationCellKey::segment),
    EFFECT(CancellationCellKey::effect),
    CHANNEL(CancellationCellKey::channel);

    private final Function<CancellationCellKey, String> value;

    CancellationGroupBy(Function<CancellationCellKey, String> value) {
        this.value = value;
    }

    public String valueOf(CancellationCellKey key) {
        return value.apply(key);
    }
}
