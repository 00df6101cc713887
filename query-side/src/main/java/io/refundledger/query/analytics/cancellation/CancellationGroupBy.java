package io.refundledger.query.analytics.cancellation;

import java.util.function.Function;

/** The dimension cancellation analytics are broken down by. */
public enum CancellationGroupBy {
    REASON(CancellationCellKey::reason, "byReason"),
    PLAN(CancellationCellKey::planCode, "byPlan"),
    PRODUCT(CancellationCellKey::productId, "byProduct"),
    SEGMENT(CancellationCellKey::segment, "bySegment"),
    EFFECT(CancellationCellKey::effect, "byEffect"),
    CHANNEL(CancellationCellKey::channel, "byChannel");

    private final Function<CancellationCellKey, String> value;
    private final String summaryField;

    CancellationGroupBy(Function<CancellationCellKey, String> value, String summaryField) {
        this.value = value;
        this.summaryField = summaryField;
    }

    /** The field of a unit summary holding the figures per value of this dimension. */
    public String summaryField() {
        return summaryField;
    }

    public String valueOf(CancellationCellKey key) {
        return value.apply(key);
    }
}
