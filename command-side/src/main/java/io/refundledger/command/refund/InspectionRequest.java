package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;

/**
 * {@code POST /api/refunds/{id}/inspection}.
 *
 * @param outcome        PASSED or FAILED
 * @param adjustedAmount optional; what to refund after inspection, at most the approved amount
 */
public record InspectionRequest(String outcome, @MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String notes, MoneyJson adjustedAmount) {
}
