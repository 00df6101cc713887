package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.Histogram;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

/**
 * What one cancellation request contributes and in which cell, stored per request ({@code _id} = cancellation
 * id), so a later event replaces exactly what was counted.
 *
 * @param daysToTermination   calendar days (business zone) from the request to the termination; null until terminated
 * @param netRefund           the settlement's net refund, once terminated
 * @param refundPaid          what the linked refund paid out, once paid
 * @param lastAppliedPosition global position of the last event applied to this request
 */
public record CancellationTrack(String cancellationId, String subscriptionId, CancellationCellKey cell,
                                CancellationStatus status, Long daysToTermination, MoneyView netRefund,
                                MoneyView refundPaid, long lastAppliedPosition) {

    public CancellationTotals contribution() {
        boolean terminated = status == CancellationStatus.TERMINATED;
        return new CancellationTotals(1, 0,
                status == CancellationStatus.REVOKED ? 1 : 0,
                terminated ? 1 : 0,
                terminated && daysToTermination != null ? daysToTermination : 0,
                terminated && daysToTermination != null ? Histogram.of(Math.toIntExact(daysToTermination)) : Histogram.EMPTY,
                terminated ? amounts(netRefund) : Amounts.NONE,
                amounts(refundPaid));
    }

    private static Amounts amounts(MoneyView money) {
        return money == null ? Amounts.NONE : Amounts.of(money.toMoney());
    }
}
