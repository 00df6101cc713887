package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The current payout failed; finance may retry.
 */
public record RecordPayoutFailure(
        @TargetAggregateIdentifier String applicationId,
        String payoutId,
        String reason) {
}
