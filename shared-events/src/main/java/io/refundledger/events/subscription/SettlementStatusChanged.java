package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The linked refund moved on, and with it the settlement.
 *
 * @param amount the amount the refund stands at (approved or paid), or null
 */
@Revision("1")
public record SettlementStatusChanged(
        String subscriptionId,
        String cancellationId,
        String refundApplicationId,
        SettlementStatus status,
        Money amount,
        Instant changedAt) {
}
