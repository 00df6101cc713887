package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;

/**
 * One payout attempt ({@code finance_payouts}, {@code _id} = payout id), as reconciliation reads it.
 *
 * @param day          the business day (in the business zone) the attempt started, {@code yyyy-MM-dd}
 * @param completedAt  when it succeeded or failed; null while started
 */
public record PayoutEntry(String payoutId, String applicationId, String applicationNumber, String customerId, int attempt,
                          PayoutMethod method, MoneyView amount, PayoutStatus status, Instant startedAt,
                          Instant completedAt, String day, String externalReference, String failureReason,
                          long lastAppliedPosition) {

    PayoutEntry completed(PayoutStatus outcome, Instant at, String reference, String reason, long position) {
        return new PayoutEntry(payoutId, applicationId, applicationNumber, customerId, attempt, method, amount, outcome,
                startedAt, at, day, reference, reason, position);
    }
}
