package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;
import io.refundledger.command.web.MoneyJson;

/**
 * The optional body of {@code POST /api/refunds/{id}/approve}.
 *
 * @param approvedAmount         optional; the requested amount when absent
 * @param note                   optional remark of the reviewer
 * @param exceptionJustification required to approve outside the policy or above the eligible amount
 */
public record ApproveRefundRequest(MoneyJson approvedAmount,
                                   @MaxLength(RefundReviewRules.MAX_NOTE_LENGTH) String note,
                                   @MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String exceptionJustification) {

    public ApproveRefundRequest(MoneyJson approvedAmount, String note) {
        this(approvedAmount, note, null);
    }
}
