package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;

/**
 * {@code POST /api/refunds/{id}/resubmit}: the amendments after a rejection. Absent values keep the
 * previous ones; {@code amendmentNote} is required.
 */
public record ResubmitRefundRequest(MoneyJson requestedAmount, String reasonCategory, 
                                    @MaxLength(RefundSubmissionRules.MAX_REASON_TEXT_LENGTH) String reasonText,
                                    @MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String amendmentNote) {
}
