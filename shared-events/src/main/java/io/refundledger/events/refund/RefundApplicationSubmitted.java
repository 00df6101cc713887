package io.refundledger.events.refund;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A customer's request for money back was recorded. Carries everything the application is judged on, so
 * the history stands on its own years later.
 *
 * <p>Revision 3 added {@code productId}, {@code customerSegment} and {@code subscriptionId}; earlier events are
 * upcast with all three null. Revision 2 added the facts the refund policy needs ({@code deliveredAt}, {@code usage}, the service
 * period and {@code discountReceived}); revision-1 events are upcast with those unknown.
 *
 * @param deliveredAt        when the goods arrived, if the window counts from delivery; may be null
 * @param usage              what the customer declared about use
 * @param servicePeriodStart start of the prepaid service period, for prorating used services; may be null
 * @param servicePeriodEnd   end of that period (exclusive); may be null
 * @param discountReceived   discounts received with the purchase, clawed back from the refund; may be null
 * @param productId          the product refunded, for analytics; null when not stated (and before revision 3)
 * @param customerSegment    the customer's segment (e.g. SMB, ENTERPRISE), for analytics; null when not stated
 * @param subscriptionId     set when the application settles a subscription cancellation (the link back); else null
 */
@Revision("3")
public record RefundApplicationSubmitted(
        String applicationId,
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
        Instant submittedAt,
        Instant deliveredAt,
        ProductUsage usage,
        Instant servicePeriodStart,
        Instant servicePeriodEnd,
        Money discountReceived,
        String productId,
        String customerSegment,
        String subscriptionId) {
}
