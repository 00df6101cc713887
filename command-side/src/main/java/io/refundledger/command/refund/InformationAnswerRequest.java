package io.refundledger.command.refund;

import java.util.List;

/**
 * {@code POST /api/refunds/{id}/information}: the answer and references to attached documents.
 */
public record InformationAnswerRequest(String answer, List<String> attachmentReferences) {
}
