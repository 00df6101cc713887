package io.refundledger.query.order;

import io.refundledger.infrastructure.errors.DomainException;

/** "How much of this order has been refunded, and through which applications?" */
public record FindOrderRefunds(String orderId) {

    public FindOrderRefunds {
        if (orderId == null || orderId.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", "orderId", "Give an order id.");
        }
        orderId = orderId.strip();
    }
}
