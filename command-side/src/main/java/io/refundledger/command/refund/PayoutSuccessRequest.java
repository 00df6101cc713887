package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * {@code POST /api/refunds/{id}/payouts/{payoutId}/success}.
 */
public record PayoutSuccessRequest(@MaxLength(RefundReviewRules.MAX_REFERENCE_LENGTH) String externalReference) {
}
