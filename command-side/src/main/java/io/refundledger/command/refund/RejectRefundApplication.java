package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reject an application that awaits review.
 *
 * @param reason shown to the customer, so it is required
 */
public record RejectRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        String reason) {
}
