package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;

/**
 * What finance reports need of one application ({@code finance_applications}, {@code _id} = application id): payout
 * events name only the application, so its number and customer are kept here for the payout lines and the queue.
 *
 * @param amountToRefund what is to be paid out: the approved amount, or what inspection of a return left of it
 * @param paidOut        whether a payout succeeded
 * @param closed         withdrawn or rejected: nothing will be paid
 */
public record FinanceApplication(String applicationId, String applicationNumber, String customerId, String orderId,
                                 RefundType type, PayoutMethod payoutMethod, MoneyView approvedAmount,
                                 MoneyView amountToRefund, Instant approvedAt, int payoutAttempts,
                                 PayoutStatus lastPayoutStatus, String lastFailureReason, boolean paidOut, boolean closed,
                                 long lastAppliedPosition) {

    /** An application the reports hear of first through a later event (its submission predates the log they read). */
    static FinanceApplication unknown(String applicationId) {
        return new FinanceApplication(applicationId, null, null, null, null, null, null, null, null, 0, null, null,
                false, false, 0);
    }

    /** Whether approving it moves money; an exchange ships goods instead. */
    boolean paysMoney() {
        return type != RefundType.EXCHANGE;
    }

    FinanceApplication approved(MoneyView amount, Instant at, long position) {
        return new FinanceApplication(applicationId, applicationNumber, customerId, orderId, type, payoutMethod, amount,
                amount, at, payoutAttempts, lastPayoutStatus, lastFailureReason, paidOut, closed, position);
    }

    FinanceApplication withAmountToRefund(MoneyView amount, long position) {
        return new FinanceApplication(applicationId, applicationNumber, customerId, orderId, type, payoutMethod,
                approvedAmount, amount, approvedAt, payoutAttempts, lastPayoutStatus, lastFailureReason, paidOut, closed,
                position);
    }

    FinanceApplication payout(int attempts, PayoutStatus status, String failureReason, long position) {
        return new FinanceApplication(applicationId, applicationNumber, customerId, orderId, type, payoutMethod,
                approvedAmount, amountToRefund, approvedAt, attempts, status, failureReason,
                paidOut || status == PayoutStatus.SUCCEEDED, closed, position);
    }

    FinanceApplication closed(long position) {
        return new FinanceApplication(applicationId, applicationNumber, customerId, orderId, type, payoutMethod,
                approvedAmount, amountToRefund, approvedAt, payoutAttempts, lastPayoutStatus, lastFailureReason, paidOut,
                true, position);
    }
}
