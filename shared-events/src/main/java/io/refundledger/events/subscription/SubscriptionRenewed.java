package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The subscription runs for another term, prepaid anew.
 *
 * @param termEnd the day after the last day of the new term (exclusive)
 */
@Revision("1")
public record SubscriptionRenewed(
        String subscriptionId,
        LocalDate previousTermEnd,
        LocalDate termStart,
        LocalDate termEnd,
        Money prepaidAmount,
        Money termDiscount,
        Instant renewedAt) {
}
