package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer side withdraws the application before payout.
 *
 * @param reason optional
 */
public record WithdrawRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        String reason) {
}
