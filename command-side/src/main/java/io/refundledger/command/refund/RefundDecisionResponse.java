package io.refundledger.command.refund;

import io.refundledger.events.refund.RefundStatus;

/** The answer to an approval or rejection: the application's status after the decision. */
public record RefundDecisionResponse(String applicationId, RefundStatus status) {
}
