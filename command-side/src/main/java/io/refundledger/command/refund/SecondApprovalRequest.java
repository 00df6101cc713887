package io.refundledger.command.refund;

/**
 * The optional body of {@code POST /api/refunds/{id}/second-approval}.
 */
public record SecondApprovalRequest(String note) {
}
