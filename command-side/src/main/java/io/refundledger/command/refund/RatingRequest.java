package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * {@code POST /api/refunds/{id}/rating} (满意度评价). The rating is read as text (a JSON number is accepted)
 * so that a bad value is reported naming its field.
 */
public record RatingRequest(String rating, @MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String comment) {
}
