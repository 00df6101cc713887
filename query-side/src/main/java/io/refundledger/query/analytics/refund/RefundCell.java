package io.refundledger.query.analytics.refund;

/**
 * The figures of all applications first submitted on one business day with the same dimensions
 * ({@code _id} = {@link RefundCellKey#id()}).
 *
 * @param lastAppliedPosition global position of the last event that changed this cell
 */
public record RefundCell(RefundCellKey key, RefundTotals totals, long lastAppliedPosition) {
}
