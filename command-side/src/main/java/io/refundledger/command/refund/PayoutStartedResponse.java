package io.refundledger.command.refund;

import io.refundledger.events.refund.RefundStatus;

/** The answer to a started payout: the id to report its success or failure under. */
public record PayoutStartedResponse(String applicationId, RefundStatus status, String payoutId) {
}
