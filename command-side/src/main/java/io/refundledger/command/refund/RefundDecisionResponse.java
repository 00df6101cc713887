package io.refundledger.command.refund;

import io.refundledger.events.refund.RefundStatus;

/** The answer to a command on an application: its status afterwards. */
public record RefundDecisionResponse(String applicationId, RefundStatus status) {
}
