package io.refundledger.query.analytics.cancellation;

import java.util.Objects;

/**
 * Which cancellations a breakdown counts; a null filter lets every value through. {@code UNKNOWN} selects those
 * that did not state the dimension.
 */
public record CancellationFilters(String reason, String planCode, String productId, String segment, String effect,
                                  String channel) {

    public static final CancellationFilters NONE = new CancellationFilters(null, null, null, null, null, null);

    public boolean matches(CancellationCellKey key) {
        return allows(reason, key.reason()) && allows(planCode, key.planCode()) && allows(productId, key.productId())
                && allows(segment, key.segment()) && allows(effect, key.effect()) && allows(channel, key.channel());
    }

    private static boolean allows(String filter, String value) {
        return filter == null || Objects.equals(filter, value);
    }
}
