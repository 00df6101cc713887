package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record a customer's refund application. The id and the application number are assigned before the
 * command is sent, so a retried command can never produce a second application under another number.
 *
 * <p>The facts the refund policy needs ({@code deliveredAt}, {@code usage}, the service period,
 * {@code discountReceived}) are optional; {@code usage} {@code null} means {@link ProductUsage#NOT_STATED}.
 * {@code productId} and {@code customerSegment} are optional facts for analytics. {@code subscriptionId} is set
 * only when the application settles a subscription cancellation.
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
        Instant purchasedAt,
        Instant deliveredAt,
        ProductUsage usage,
        Instant servicePeriodStart,
        Instant servicePeriodEnd,
        Money discountReceived,
        String productId,
        String customerSegment,
        String subscriptionId) implements RefundTerms {

    /** An application without the policy facts (usage not stated). */
    public SubmitRefundApplication(String applicationId, String applicationNumber, String customerId, String orderId,
                                   RefundType type, Money paidAmount, Money requestedAmount,
                                   RefundReasonCategory reasonCategory, String reasonText, PayoutMethod payoutMethod,
                                   Instant purchasedAt) {
        this(applicationId, applicationNumber, customerId, orderId, type, paidAmount, requestedAmount, reasonCategory,
                reasonText, payoutMethod, purchasedAt, null, null, null, null, null, null, null, null);
    }
}
