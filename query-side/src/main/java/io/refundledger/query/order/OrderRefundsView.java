package io.refundledger.query.order;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything refunded, or asked to be refunded, on one order: totals per currency and each application with
 * its status. Stored as-is in {@code order_refund_summary} ({@code _id} = order id).
 *
 * @param lastAppliedPosition global position of the last event applied to this order
 */
public record OrderRefundsView(String orderId, List<CurrencyTotals> totals, List<Application> applications,
                               Instant lastUpdatedAt, long lastAppliedPosition) {

    public OrderRefundsView {
        Objects.requireNonNull(orderId, "orderId");
        totals = totals == null ? List.of() : List.copyOf(totals);
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    /**
     * The order's refunds in one currency.
     *
     * @param paid          what the customer paid for the order (as the applications and the order ledger state it)
     * @param requested     asked for by applications still open or granted (not rejected, not withdrawn)
     * @param approved      approved by those applications (after any reduction at inspection)
     * @param reserved      set aside in the order ledger ({@code OrderRefundReserved} minus {@code OrderRefundReleased})
     * @param paidOut       actually paid back
     * @param stillRefundable what the ledger has not set aside yet: paid minus reserved; null while paid is unknown
     */
    public record CurrencyTotals(String currency, MoneyView paid, MoneyView requested, MoneyView approved,
                                 MoneyView reserved, MoneyView paidOut, MoneyView stillRefundable) {
    }

    /** One application of the order. Amounts are null until they exist. */
    public record Application(String applicationId, String applicationNumber, RefundType type, RefundStatus status,
                              MoneyView paidAmount, MoneyView requestedAmount, MoneyView approvedAmount,
                              MoneyView reservedAmount, MoneyView paidOutAmount, Instant submittedAt,
                              Instant lastUpdatedAt) {

        Application withStatus(RefundStatus newStatus, Instant at) {
            return new Application(applicationId, applicationNumber, type, newStatus, paidAmount, requestedAmount,
                    approvedAmount, reservedAmount, paidOutAmount, submittedAt, at);
        }

        Application withRequestedAmount(MoneyView amount) {
            return new Application(applicationId, applicationNumber, type, status, paidAmount, amount,
                    approvedAmount, reservedAmount, paidOutAmount, submittedAt, lastUpdatedAt);
        }

        Application withApprovedAmount(MoneyView amount) {
            return new Application(applicationId, applicationNumber, type, status, paidAmount, requestedAmount,
                    amount, reservedAmount, paidOutAmount, submittedAt, lastUpdatedAt);
        }

        Application withReservedAmount(MoneyView amount, Instant at) {
            return new Application(applicationId, applicationNumber, type, status, paidAmount, requestedAmount,
                    approvedAmount, amount, paidOutAmount, submittedAt, at);
        }

        Application withPaidOutAmount(MoneyView amount) {
            return new Application(applicationId, applicationNumber, type, status, paidAmount, requestedAmount,
                    approvedAmount, reservedAmount, amount, submittedAt, lastUpdatedAt);
        }
    }
}
