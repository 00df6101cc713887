package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.math.BigDecimal;

/**
 * The contract's early-termination penalty rule.
 *
 * @param kind          how it is computed
 * @param percent       for {@link PenaltyKind#PERCENT_OF_REMAINING}: percent of the remaining value, e.g. 20 for 20 %; else null
 * @param fixedAmount   for {@link PenaltyKind#FIXED_AMOUNT}; else null
 * @param cap           the most the penalty can be, whatever the rule computes; null when uncapped
 */
public record EarlyTerminationPenalty(PenaltyKind kind, BigDecimal percent, Money fixedAmount, Money cap) {

    public static EarlyTerminationPenalty none() {
        return new EarlyTerminationPenalty(PenaltyKind.NONE, null, null, null);
    }
}
