package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Renew for another term, prepaid anew. The new term starts where the current one ends.
 */
public record RenewSubscription(
        @TargetAggregateIdentifier String subscriptionId,
        LocalDate termEnd,
        Money prepaidAmount,
        Money termDiscount) {
}
