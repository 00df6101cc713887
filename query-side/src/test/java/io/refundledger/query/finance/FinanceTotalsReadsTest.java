package io.refundledger.query.finance;

import io.refundledger.query.testing.WireReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a quarter's daily and monthly totals read, in bytes on the wire: the months' currencies and the totals cells,
 * the same however many payouts a day has. Each day's index lists the day's payouts, for the payouts report; the totals
 * once read those lists too (at 100,000 applications a quarter's totals took 28 ms at the median against 7 ms at 1,000),
 * and then the days' currencies beside them, which the embedded server decodes with the whole document.
 */
class FinanceTotalsReadsTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-09-01");
    private static final LocalDate LAST = LocalDate.parse("2026-11-30");
    private static final List<String> QUARTER = FIRST.datesUntil(LAST.plusDays(1)).map(LocalDate::toString).toList();
    private static final List<String> CURRENCIES = List.of("CNY", "USD");

    private final WireReads wire = new WireReads();

    @AfterEach
    void close() {
        wire.close();
    }

    @Test
    void a_quarters_totals_read_the_same_bytes_however_many_payouts_its_days_have() {
        FinanceReportsStore few = storeWithPayoutsPerDay(2);
        FinanceReportsStore many = storeWithPayoutsPerDay(200);

        Map<String, Long> fewBytes = wire.bytesDuring(() -> few.totalsOn(QUARTER));
        Map<String, Long> manyBytes = wire.bytesDuring(() -> many.totalsOn(QUARTER));
        Map<String, Long> fewMonthBytes = wire.bytesDuring(() -> few.totalsByMonth(FIRST, LAST));
        Map<String, Long> manyMonthBytes = wire.bytesDuring(() -> many.totalsByMonth(FIRST, LAST));

        assertThat(manyBytes).as("bytes read with 100× the payouts").isEqualTo(fewBytes);
        assertThat(manyMonthBytes).as("bytes read by month with 100× the payouts").isEqualTo(fewMonthBytes);
        assertThat(many.totalsOn(QUARTER)).hasSize(QUARTER.size() * CURRENCIES.size());
        // Three whole months: one cell per month and currency instead of ninety-one day cells.
        assertThat(many.totalsByMonth(FIRST, LAST)).extracting(DayTotals::id).containsExactly(
                "2026-09|CNY", "2026-09|USD", "2026-10|CNY", "2026-10|USD", "2026-11|CNY", "2026-11|USD");
        // The payouts report still finds every payout of the quarter through the same day indexes.
        assertThat(many.payoutIdsOn(QUARTER)).hasSize(QUARTER.size() * 200);
    }

    private FinanceReportsStore storeWithPayoutsPerDay(int payouts) {
        FinanceReportsStore store = new FinanceReportsStore(wire.freshDatabase());
        long position = 0;
        for (String day : QUARTER) {
            for (String currency : CURRENCIES) {
                store.save(new DayTotals(DayTotals.idOf(day, currency), day, currency, 3, "300.00", 2, "200.00", 1,
                        "100.00", ++position));
            }
            for (int i = 0; i < payouts; i++) {
                store.indexPayout(day, "payout-" + day + "-" + i, ++position);
            }
        }
        for (String month : List.of("2026-09", "2026-10", "2026-11")) {
            for (String currency : CURRENCIES) {
                store.saveMonth(new DayTotals(DayTotals.idOf(month, currency), month, currency, 90, "9000.00", 60,
                        "6000.00", 30, "3000.00", ++position));
            }
        }
        return store;
    }
}
