package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * The body of {@code POST /api/refunds/{id}/reject}.
 *
 * @param reason required; shown to the customer
 */
public record RejectRefundRequest(@MaxLength(RefundReviewRules.MAX_REASON_LENGTH) String reason) {
}
