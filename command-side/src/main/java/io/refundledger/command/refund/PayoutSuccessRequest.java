package io.refundledger.command.refund;

/**
 * {@code POST /api/refunds/{id}/payouts/{payoutId}/success}.
 */
public record PayoutSuccessRequest(String externalReference) {
}
