package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the inspection (质检) of returned goods.
 *
 * @param adjustedAmount optional amount to refund after inspection, at most the approved amount
 */
public record InspectReturn(
        @TargetAggregateIdentifier String applicationId,
        InspectionOutcome outcome,
        String notes,
        Money adjustedAmount) {
}
