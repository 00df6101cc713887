package io.refundledger.query.analytics.refund;

import java.util.Objects;

/**
 * Which applications a breakdown counts; a null filter lets every value through. {@code UNKNOWN} selects
 * applications that did not state the dimension.
 *
 * @param reason    a reason category, e.g. {@code PRODUCT_QUALITY}
 * @param productId a product id
 * @param segment   a customer segment, e.g. {@code SMB}
 * @param channel   {@code ONLINE}, {@code OFFLINE} or {@code UNKNOWN}
 */
public record RefundFilters(String reason, String productId, String segment, String channel) {

    public static final RefundFilters NONE = new RefundFilters(null, null, null, null);

    public boolean matches(RefundCellKey key) {
        return allows(reason, key.reason()) && allows(productId, key.productId()) && allows(segment, key.segment())
                && allows(channel, key.channel());
    }

    private static boolean allows(String filter, String value) {
        return filter == null || Objects.equals(filter, value);
    }
}
