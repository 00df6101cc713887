package io.refundledger.events.subscription;

/**
 * The contract terms a cancellation is settled under, recorded when the subscription starts.
 *
 * @param minimumTermMonths   months from the first term's start before which ending the contract is early
 *                            (the penalty applies); 0 for none
 * @param penalty             the early-termination penalty rule
 * @param noticePeriodDays    days of notice an end-of-term cancellation needs before the term ends
 * @param dataRetentionDays   days personal data is kept after termination before it is purged
 */
public record ContractTerms(int minimumTermMonths, EarlyTerminationPenalty penalty, int noticePeriodDays,
                            int dataRetentionDays) {
}
