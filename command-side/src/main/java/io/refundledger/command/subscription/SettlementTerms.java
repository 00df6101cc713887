package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.ContractTerms;

import java.time.LocalDate;

/**
 * What a cancellation is settled on: the current term, what was prepaid and discounted for it, and the contract.
 *
 * @param firstTermStart the first term's start, from which the minimum term counts (renewals do not restart it)
 * @param termStart      first day of the current term
 * @param termEnd        the day after the current term's last day (exclusive)
 * @param prepaidAmount  what was paid for the current term, after the discount
 * @param termDiscount   the discount granted on condition the current term is served to its end; zero when none
 */
public record SettlementTerms(LocalDate firstTermStart, LocalDate termStart, LocalDate termEnd, Money prepaidAmount,
                              Money termDiscount, ContractTerms contract) {
}
