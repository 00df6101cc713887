package io.refundledger.events.order;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Part of an order's paid amount was set aside for an approved refund application, so that all the
 * applications of one order together never refund more than was paid.
 *
 * @param totalReserved what is now set aside for the order across all its applications
 */
@Revision("1")
public record OrderRefundReserved(
        String orderId,
        String applicationId,
        Money amount,
        Money paidAmount,
        Money totalReserved,
        Instant reservedAt) {
}
