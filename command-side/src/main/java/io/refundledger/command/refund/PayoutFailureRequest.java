package io.refundledger.command.refund;

/**
 * {@code POST /api/refunds/{id}/payouts/{payoutId}/failure}.
 */
public record PayoutFailureRequest(String reason) {
}
