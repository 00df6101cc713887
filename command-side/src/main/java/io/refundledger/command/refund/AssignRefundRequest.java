package io.refundledger.command.refund;

/**
 * {@code POST /api/refunds/{id}/assign}.
 */
public record AssignRefundRequest(String reviewerId) {
}
