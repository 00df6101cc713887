package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;

/**
 * A refund request read from the outside world, typed but not yet judged, and without the id and number it
 * only gets once it has passed {@link RefundSubmissionRules}.
 */
public record RequestedRefund(
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
        String customerSegment) implements RefundTerms {

    /** A request without the policy facts. */
    public RequestedRefund(String customerId, String orderId, RefundType type, Money paidAmount, Money requestedAmount,
                           RefundReasonCategory reasonCategory, String reasonText, PayoutMethod payoutMethod,
                           Instant purchasedAt) {
        this(customerId, orderId, type, paidAmount, requestedAmount, reasonCategory, reasonText, payoutMethod,
                purchasedAt, null, null, null, null, null, null, null);
    }

    public SubmitRefundApplication submitAs(String applicationId, ApplicationNumber applicationNumber) {
        return new SubmitRefundApplication(applicationId, applicationNumber.value(), customerId, orderId, type,
                paidAmount, requestedAmount, reasonCategory, reasonText, payoutMethod, purchasedAt, deliveredAt, usage,
                servicePeriodStart, servicePeriodEnd, discountReceived, productId, customerSegment, null);
    }
}
