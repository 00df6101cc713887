package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * The optional body of {@code POST /api/refunds/{id}/withdraw}.
 */
public record WithdrawRefundRequest(@MaxLength(RefundReviewRules.MAX_REASON_LENGTH) String reason) {
}
