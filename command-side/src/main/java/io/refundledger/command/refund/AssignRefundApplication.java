package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Assign (or reassign) the application to a reviewer.
 */
public record AssignRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        String reviewerId) {
}
