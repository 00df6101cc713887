package io.refundledger.query.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Date spans where roll-ups are easiest to get wrong, for tests that compare answers through them with day cells. */
public final class RollupSpans {

    private RollupSpans() {
    }

    /** A range type's constructor: from, to (both included) and how the range is cut into periods. */
    @FunctionalInterface
    public interface RangeOf<G, R> {
        R of(LocalDate from, LocalDate to, G granularity);
    }

    /** Every span of {@link #spans} at every one of {@code granularities}. */
    public static <G, R> List<R> ranges(Random random, G[] granularities, RangeOf<G, R> range) {
        List<R> ranges = new ArrayList<>();
        for (LocalDate[] span : spans(random)) {
            for (G granularity : granularities) {
                ranges.add(range.of(span[0], span[1], granularity));
            }
        }
        return ranges;
    }

    /**
     * A single day, a quarter, across a year end, cut mid-week and mid-month, a span of whole weeks, then six random
     * spans of up to 80 days: {@code [from, to]}, both included.
     */
    public static List<LocalDate[]> spans(Random random) {
        List<LocalDate[]> spans = new ArrayList<>(List.of(
                new LocalDate[]{LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-18")},
                new LocalDate[]{LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")},
                new LocalDate[]{LocalDate.parse("2026-10-14"), LocalDate.parse("2027-01-06")},
                new LocalDate[]{LocalDate.parse("2026-12-23"), LocalDate.parse("2027-01-09")},
                new LocalDate[]{LocalDate.parse("2026-09-28"), LocalDate.parse("2026-11-01")},
                new LocalDate[]{LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-29")}));
        LocalDate first = LocalDate.parse("2026-09-10");
        for (int i = 0; i < 6; i++) {
            LocalDate from = first.plusDays(random.nextInt(120));
            spans.add(new LocalDate[]{from, from.plusDays(random.nextInt(80))});
        }
        return spans;
    }
}
