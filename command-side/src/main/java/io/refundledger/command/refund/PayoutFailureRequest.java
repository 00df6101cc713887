package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * {@code POST /api/refunds/{id}/payouts/{payoutId}/failure}.
 */
public record PayoutFailureRequest(@MaxLength(RefundReviewRules.MAX_REASON_LENGTH) String reason) {
}
