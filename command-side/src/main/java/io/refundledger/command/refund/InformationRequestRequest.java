package io.refundledger.command.refund;

/**
 * {@code POST /api/refunds/{id}/information-request}: the reviewer's question.
 */
public record InformationRequestRequest(String question) {
}
