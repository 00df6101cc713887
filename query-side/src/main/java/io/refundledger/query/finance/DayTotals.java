package io.refundledger.query.finance;

import io.refundledger.events.common.Money;

import java.math.BigDecimal;

/**
 * One business day's money in one currency ({@code finance_day_totals}, {@code _id} = {@code 2026-11-23|CNY}):
 * approved (on the day of the final approval), paid out and failed (on the day the payout ended). Amounts are decimal
 * strings, so nothing is rounded. A month's cell ({@code finance_month_totals}, {@code _id} = {@code 2026-11|CNY}) has
 * the same shape, its {@code day} the month: the sum of its days' cells.
 */
public record DayTotals(String id, String day, String currency, long approvedCount, String approvedAmount,
                        long paidOutCount, String paidOutAmount, long failedCount, String failedAmount,
                        long lastAppliedPosition) {

    public static String idOf(String day, String currency) {
        return day + "|" + currency;
    }

    static DayTotals empty(String day, String currency) {
        String zero = Money.zero(currency).amount().toPlainString();
        return new DayTotals(idOf(day, currency), day, currency, 0, zero, 0, zero, 0, zero, 0);
    }

    DayTotals approved(Money amount, long position) {
        return new DayTotals(id, day, currency, approvedCount + 1, plus(approvedAmount, amount), paidOutCount,
                paidOutAmount, failedCount, failedAmount, position);
    }

    DayTotals paidOut(Money amount, long position) {
        return new DayTotals(id, day, currency, approvedCount, approvedAmount, paidOutCount + 1,
                plus(paidOutAmount, amount), failedCount, failedAmount, position);
    }

    DayTotals failed(Money amount, long position) {
        return new DayTotals(id, day, currency, approvedCount, approvedAmount, paidOutCount, paidOutAmount,
                failedCount + 1, plus(failedAmount, amount), position);
    }

    /** These figures as a contribution to the cell of {@code month}. */
    DayTotals asMonth(String month) {
        return new DayTotals(idOf(month, currency), month, currency, approvedCount, approvedAmount, paidOutCount,
                paidOutAmount, failedCount, failedAmount, lastAppliedPosition);
    }

    /** Both cells' figures added, at the newer of their positions (same cell id and currency). */
    DayTotals plus(DayTotals other) {
        return new DayTotals(id, day, currency, approvedCount + other.approvedCount,
                plus(approvedAmount, other.money(other.approvedAmount)), paidOutCount + other.paidOutCount,
                plus(paidOutAmount, other.money(other.paidOutAmount)), failedCount + other.failedCount,
                plus(failedAmount, other.money(other.failedAmount)), Math.max(lastAppliedPosition, other.lastAppliedPosition));
    }

    private Money money(String amount) {
        return new Money(new BigDecimal(amount), currency);
    }

    private String plus(String sum, Money amount) {
        return new Money(new BigDecimal(sum), currency).plus(amount).amount().toPlainString();
    }
}
