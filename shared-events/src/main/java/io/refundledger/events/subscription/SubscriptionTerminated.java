package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The subscription ended under the cancellation; the confirmation number is what the customer is told.
 *
 * @param personalDataRetainedUntil the last day personal data is kept; purged after it
 */
@Revision("1")
public record SubscriptionTerminated(
        String subscriptionId,
        String cancellationId,
        String confirmationNumber,
        LocalDate effectiveDate,
        Money netRefund,
        LocalDate personalDataRetainedUntil,
        Instant terminatedAt) {
}
