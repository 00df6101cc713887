package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;

import java.time.Instant;

/**
 * What a customer asks for when applying for a refund. Both the parsed request (before it has an id and a
 * number) and the submit command expose these, so {@link RefundSubmissionRules} can judge either.
 */
public interface RefundTerms {

    String customerId();

    String orderId();

    /** {@code null} means the default, {@link RefundType#REFUND_ONLY}. */
    RefundType type();

    Money paidAmount();

    Money requestedAmount();

    RefundReasonCategory reasonCategory();

    /** The customer's own words; optional. */
    String reasonText();

    PayoutMethod payoutMethod();

    Instant purchasedAt();

    /** When the goods arrived; optional. */
    Instant deliveredAt();

    /** What the customer declared about use; {@code null} means {@link ProductUsage#NOT_STATED}. */
    ProductUsage usage();

    /** Start of a prepaid service period, for prorating; optional, but only together with its end. */
    Instant servicePeriodStart();

    /** End (exclusive) of that period; optional, but only together with its start. */
    Instant servicePeriodEnd();

    /** Discounts received with the purchase, clawed back from the refund; optional. */
    Money discountReceived();
}
