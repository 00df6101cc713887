package io.refundledger.events.subscription;

import io.refundledger.events.common.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * How the refund of a cancellation came about, line by line, under a named settlement policy version. The
 * signed line amounts add up to {@code netRefund}, which is never negative.
 *
 * @param termDays   days in the current term
 * @param usedDays   days of the term served up to the effective date
 * @param unusedDays days of the term left unused
 */
@Revision("1")
public record CancellationSettlementCalculated(
        String subscriptionId,
        String cancellationId,
        String policyVersion,
        LocalDate termStart,
        LocalDate termEnd,
        LocalDate effectiveDate,
        long termDays,
        long usedDays,
        long unusedDays,
        Money prepaidAmount,
        Money unusedValue,
        Money penalty,
        Money discountClawback,
        Money netRefund,
        List<SettlementLine> lines,
        Instant calculatedAt) {
}
