package io.refundledger.command.refund;

import io.refundledger.events.refund.RefundStatus;

/** The answer to a successful submission: the id to follow it by and the number the customer quotes. */
public record RefundSubmittedResponse(String applicationId, String applicationNumber, RefundStatus status) {
}
