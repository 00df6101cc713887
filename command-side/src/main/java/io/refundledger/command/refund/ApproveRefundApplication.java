package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Approve an application that awaits review.
 *
 * @param approvedAmount what will be paid out; {@code null} approves the requested amount
 * @param note           optional remark of the reviewer
 */
public record ApproveRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        Money approvedAmount,
        String note) {
}
