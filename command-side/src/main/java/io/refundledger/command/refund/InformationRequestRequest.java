package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * {@code POST /api/refunds/{id}/information-request}: the reviewer's question.
 */
public record InformationRequestRequest(@MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String question) {
}
