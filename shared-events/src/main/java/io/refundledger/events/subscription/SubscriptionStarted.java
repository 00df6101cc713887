package io.refundledger.events.subscription;

import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.common.Money;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A customer subscribed. Records everything a cancellation is settled on later: the term, what was prepaid,
 * the discount that assumed the full term, and the contract terms. The contact person is personal data and is
 * kept encrypted under the subscription's own key (see {@link EncryptedPersonalData}).
 *
 * @param termStart       first day of the term (business zone)
 * @param termEnd         the day after the last day of the term (exclusive)
 * @param prepaidAmount   what the customer paid for the term, after the discount
 * @param termDiscount    the discount granted on condition the full term is served; zero when none
 * @param contact         encrypted JSON {@code {"name":…,"email":…,"phone":…}}; may be null
 */
@Revision("1")
public record SubscriptionStarted(
        String subscriptionId,
        String customerId,
        String customerSegment,
        String planCode,
        String productId,
        int seats,
        LocalDate termStart,
        LocalDate termEnd,
        Money prepaidAmount,
        Money termDiscount,
        ContractTerms terms,
        boolean autoRenewal,
        EncryptedPersonalData contact,
        Instant startedAt) {
}
