package io.refundledger.query.refund;

import io.refundledger.infrastructure.errors.DomainException;

/**
 * "Which refund applications are there for this order, this customer, or both?" At least one is needed:
 * listing every application is not a question this side answers.
 */
public record ListRefundProgress(String orderId, String customerId) {

    public ListRefundProgress {
        orderId = blankToNull(orderId);
        customerId = blankToNull(customerId);
        if (orderId == null && customerId == null) {
            throw DomainException.invalid("MISSING_PARAMETER", "orderId", "Parameter orderId or customerId is required.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
