package io.refundledger.events.refund;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A customer's request for money back was recorded. Carries everything the application was judged on,
 * so the history stands on its own years later.
 */
@Revision("1")
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
        Instant submittedAt) {
}
