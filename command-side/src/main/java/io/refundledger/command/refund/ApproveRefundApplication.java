package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A reviewer's approval of an application that awaits review: final, or the first of two when the policy
 * asks for finance's approval too.
 *
 * @param approvedAmount         what will be paid out; {@code null} approves the requested amount
 * @param note                   optional remark of the reviewer
 * @param exceptionJustification required when approving outside the policy (or above the eligible amount)
 */
public record ApproveRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        Money approvedAmount,
        String note,
        String exceptionJustification) {

    public ApproveRefundApplication(String applicationId, Money approvedAmount, String note) {
        this(applicationId, approvedAmount, note, null);
    }
}
