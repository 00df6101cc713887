package io.refundledger.query.refund;

import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.infrastructure.errors.DomainException;

/**
 * "Where does this refund application stand?" asked with either its id or the number the customer quotes
 * ({@code RF-20261123-000042}).
 */
public record FindRefundProgress(String idOrNumber) {

    public FindRefundProgress {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", "idOrNumber", "Give an application id or number.");
        }
        idOrNumber = idOrNumber.strip();
    }

    boolean isApplicationNumber() {
        return ApplicationNumber.looksLikeOne(idOrNumber);
    }
}
