package io.refundledger.query.analytics.cancellation;

/**
 * The figures of all cancellation requests and refusals of one business day with the same dimensions
 * ({@code _id} = {@link CancellationCellKey#id()}).
 *
 * @param lastAppliedPosition global position of the last event that changed this cell
 */
public record CancellationCell(CancellationCellKey key, CancellationTotals totals, long lastAppliedPosition) {
}
