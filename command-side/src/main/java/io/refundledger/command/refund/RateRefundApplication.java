package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer's satisfaction rating (满意度评价) after completion, 1 to 5.
 */
public record RateRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        Integer rating,
        String comment) {
}
