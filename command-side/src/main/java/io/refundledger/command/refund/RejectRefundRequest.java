package io.refundledger.command.refund;

/**
 * The body of {@code POST /api/refunds/{id}/reject}.
 *
 * @param reason required; shown to the customer
 */
public record RejectRefundRequest(String reason) {
}
