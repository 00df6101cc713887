package io.refundledger.command.refund;

import io.refundledger.command.web.MaxLength;
import java.util.List;

/**
 * {@code POST /api/refunds/{id}/information}: the answer and references to attached documents.
 */
public record InformationAnswerRequest(@MaxLength(RefundReviewRules.MAX_TEXT_LENGTH) String answer,
                                       @MaxLength(RefundReviewRules.MAX_REFERENCE_LENGTH) List<String> attachmentReferences) {
}
