package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The current payout went through.
 */
public record RecordPayoutSuccess(
        @TargetAggregateIdentifier String applicationId,
        String payoutId,
        String externalReference) {
}
