package io.refundledger.events.subscription;


import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * 退订: the customer asked to cancel. The settlement follows in {@link CancellationSettlementCalculated}, in the
 * same commit.
 *
 * @param effectiveDate the first day without service (business zone): the day after the request for
 *                      {@link CancellationEffect#IMMEDIATELY}, the term's end for {@link CancellationEffect#END_OF_TERM}
 * @param reasonText    the customer's words, optional
 */
@Revision("1")
public record SubscriptionCancellationRequested(
        String subscriptionId,
        String cancellationId,
        String customerId,
        CancellationReason reason,
        String reasonText,
        CancellationEffect effect,
        LocalDate effectiveDate,
        Instant requestedAt) {
}
