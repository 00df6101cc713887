package io.refundledger.query.finance;

/** "How much was approved, paid out and failed per day (or month), by currency, in this period?" */
public record ReportTotals(ReportPeriod period, Granularity granularity) {

    public enum Granularity {
        DAY,
        MONTH
    }
}
