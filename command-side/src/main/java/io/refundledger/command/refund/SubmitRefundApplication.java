package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record a customer's refund application. The id and the application number are assigned before the
 * command is sent, so a retried command can never produce a second application under another number.
 */
public record SubmitRefundApplication(
        @TargetAggregateIdentifier String applicationId,
        String applicationNumber,
        String customerId,
        String orderId,
        RefundType type,
        Money paidAmount,
        Money requestedAmount,
        RefundReasonCategory reasonCategory,
        String reasonText,
        PayoutMethod payoutMethod,
        Instant purchasedAt) implements RefundTerms {
}
