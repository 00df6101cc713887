package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;

/**
 * The optional body of {@code POST /api/refunds/{id}/second-approval}.
 */
public record SecondApprovalRequest(@MaxLength(RefundReviewRules.MAX_NOTE_LENGTH) String note) {
}
