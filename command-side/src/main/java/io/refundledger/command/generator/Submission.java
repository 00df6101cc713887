package io.refundledger.command.generator;

import io.refundledger.command.refund.RequestedRefund;

/**
 * A refund application to submit, still without its number: as in the HTTP API, the number is issued only when it
 * is submitted, dated by that (simulated) business day.
 */
public record Submission(String applicationId, RequestedRefund refund) {
}
