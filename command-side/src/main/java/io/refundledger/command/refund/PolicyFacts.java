package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ProductUsage;

import java.time.Instant;

/**
 * What the refund policy judges an application on, exactly as recorded with the (re)submission.
 *
 * @param deliveredAt        may be null
 * @param usage              never null ({@link ProductUsage#NOT_STATED} when unknown)
 * @param servicePeriodStart may be null
 * @param servicePeriodEnd   exclusive; may be null
 * @param discountReceived   may be null
 */
public record PolicyFacts(
        Money paidAmount,
        Money requestedAmount,
        Instant purchasedAt,
        Instant deliveredAt,
        ProductUsage usage,
        Instant servicePeriodStart,
        Instant servicePeriodEnd,
        Money discountReceived) {

    public boolean hasServicePeriod() {
        return servicePeriodStart != null && servicePeriodEnd != null;
    }
}
