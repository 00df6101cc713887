package io.refundledger.command.refund;

/**
 * The optional body of {@code POST /api/refunds/{id}/payouts}.
 *
 * @param method optional; the application's payout method when absent
 */
public record StartPayoutRequest(String method) {
}
