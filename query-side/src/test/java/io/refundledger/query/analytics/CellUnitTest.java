package io.refundledger.query.analytics;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stretch of days is tiled by stored units: whole months, whole ISO weeks, leftover days. */
class CellUnitTest {

    private static CellUnit day(String d) {
        return new CellUnit(Granularity.DAY, LocalDate.parse(d));
    }

    @Test
    void whole_months_come_first_so_a_week_never_breaks_up_a_month_that_fits() {
        // 2026-06-29 is a Monday: its week would run into July, which fits whole.
        assertThat(CellUnit.cover(LocalDate.parse("2026-06-29"), LocalDate.parse("2026-08-02"))).containsExactly(
                day("2026-06-29"), day("2026-06-30"), new CellUnit(Granularity.MONTH, LocalDate.parse("2026-07-01")),
                day("2026-08-01"), day("2026-08-02"));
        // A whole week inside a month that does not fit is one unit.
        assertThat(CellUnit.cover(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-01"))).extracting(CellUnit::label)
                .containsExactly("2026-11-20", "2026-11-21", "2026-11-22", "2026-W48", "2026-11-30", "2026-12-01");
    }

    @Test
    void weeks_are_iso_weeks_labelled_by_their_week_based_year_across_a_year_end() {
        List<CellUnit> units = CellUnit.cover(LocalDate.parse("2026-12-26"), LocalDate.parse("2027-01-10"));
        assertThat(units).extracting(CellUnit::label).containsExactly("2026-12-26", "2026-12-27", "2026-W53", "2027-W01");
        assertThat(units.get(2).start()).isEqualTo(LocalDate.parse("2026-12-28"));
        assertThat(units.get(3).end()).isEqualTo(LocalDate.parse("2027-01-10"));
    }

    @Test
    void any_stretch_is_tiled_exactly_by_units_wholly_inside_it() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            LocalDate from = LocalDate.parse("2026-01-01").plusDays(random.nextInt(800));
            LocalDate to = from.plusDays(random.nextInt(200));
            LocalDate next = from;
            for (CellUnit unit : CellUnit.cover(from, to)) {
                assertThat(unit.start()).isEqualTo(next);
                assertThat(unit.end()).isBeforeOrEqualTo(to);
                assertThat(unit.span().periodStart(unit.start())).isEqualTo(unit.start());
                next = unit.end().plusDays(1);
            }
            assertThat(next).isEqualTo(to.plusDays(1));
        }
    }
}
