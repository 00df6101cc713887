package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The returned goods arrived (验收).
 */
public record RecordReturnReceipt(
        @TargetAggregateIdentifier String applicationId) {
}
