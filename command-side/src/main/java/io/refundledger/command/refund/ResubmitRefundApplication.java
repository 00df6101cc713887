package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundReasonCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * After a rejection, amend the application and submit it again; a new policy evaluation follows.
 *
 * @param requestedAmount optional; the previous requested amount when {@code null}
 * @param reasonCategory  optional; the previous category when {@code null}
 * @param reasonText      optional; the previous text when {@code null}
 * @param amendmentNote   required: what was changed and why
 */
public record ResubmitRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        Money requestedAmount,
        RefundReasonCategory reasonCategory,
        String reasonText,
        String amendmentNote) {
}
