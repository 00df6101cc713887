package io.refundledger.query.finance;

import io.refundledger.query.finance.ReportTotals.Granularity;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.LocalDate;
import java.util.List;

/**
 * Money approved, paid out and failed per period and currency, in the business zone. Approved counts final
 * approvals of applications that pay money (not exchanges) on the day of approval; paid out and failed count payout
 * attempts on the day they ended. Periods without any money are left out.
 *
 * @param rows   one per period and currency, in period order
 * @param totals the whole range, one per currency
 */
public record FinanceTotalsView(Granularity granularity, LocalDate from, LocalDate to, String zone, List<Row> rows,
                                List<Row> totals) {

    public FinanceTotalsView {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }

    /** @param period {@code 2026-11-23} by day, {@code 2026-11} by month, {@code total} for the whole range */
    public record Row(String period, String currency, long approvedCount, MoneyView approvedAmount, long paidOutCount,
                      MoneyView paidOutAmount, long failedCount, MoneyView failedAmount) {
    }
}
