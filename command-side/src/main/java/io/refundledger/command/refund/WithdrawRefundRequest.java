package io.refundledger.command.refund;

/**
 * The optional body of {@code POST /api/refunds/{id}/withdraw}.
 */
public record WithdrawRefundRequest(String reason) {
}
