package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The cancellation's net refund was opened as a refund application (the link from subscription to refund; the
 * application names the subscription in turn).
 */
@Revision("1")
public record SettlementRefundRequested(
        String subscriptionId,
        String cancellationId,
        String refundApplicationId,
        String applicationNumber,
        Money amount,
        Instant requestedAt) {
}
