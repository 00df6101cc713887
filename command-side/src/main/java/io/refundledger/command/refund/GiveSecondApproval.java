package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Finance's second approval (four-eyes) of an application a reviewer approved first.
 *
 * @param note optional remark
 */
public record GiveSecondApproval(
        @TargetAggregateIdentifier String applicationId,
        String note) {
}
