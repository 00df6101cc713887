package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.ContractTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Start a subscription. The id is chosen by the caller (the CRM's contract id), so a retry cannot start two.
 *
 * @param termEnd  the day after the last day of the first term (exclusive)
 * @param contact  the contact person; personal data, stored encrypted under the subscription's key
 */
public record StartSubscription(
        @TargetAggregateIdentifier String subscriptionId,
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
        SubscriptionContact contact) {
}
