package io.refundledger.query.balance;

import io.refundledger.infrastructure.errors.DomainException;

/** "What does this customer hold as account balance from refunds?" */
public record FindAccountBalance(String customerId) {

    public FindAccountBalance {
        if (customerId == null || customerId.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", "customerId", "Give a customer id.");
        }
        customerId = customerId.strip();
    }
}
