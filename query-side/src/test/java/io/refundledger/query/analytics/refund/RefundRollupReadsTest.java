package io.refundledger.query.analytics.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.testing.WireReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import static io.refundledger.query.analytics.refund.RefundAnalyticsProjectionTest.submitted;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many documents a quarter question reads, counted on the wire (every document a find or getMore returns).
 * Through the roll-up cells, with ten times the applications in the same quarter it reads far less than ten times the
 * cells, since whole weeks and months are one cell per dimension combination whatever their volume. Without filters
 * it reads one summary per covering unit and nothing else, whatever the volume.
 */
class RefundRollupReadsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] REASONS = {"PRODUCT_QUALITY", "WRONG_ITEM", "PRICE_CHANGE", "OTHER"};
    private static final String[] PRODUCTS = {"CRM-PRO", "HEADSET-X2", "SMS-BUNDLE"};
    private static final String[] SEGMENTS = {"SMB", "ENTERPRISE"};
    private static final List<Map<String, String>> CHANNELS = List.of(Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE"),
            Map.of(MetadataKeys.CUSTOMER_CHANNEL, "OFFLINE"), Map.of());
    private static final int COMBINATIONS = REASONS.length * PRODUCTS.length * SEGMENTS.length * CHANNELS.size();
    private static final LocalDate FROM = LocalDate.parse("2026-10-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-31");

    private final WireReads wire = new WireReads();

    @AfterEach
    void close() {
        wire.close();
    }

    @Test
    void a_quarter_read_through_roll_ups_does_not_grow_with_the_number_of_applications() {
        RefundAnalyticsStore few = storeWith(250, 1);
        RefundAnalyticsStore many = storeWith(2_500, 2);

        for (Granularity granularity : List.of(Granularity.WEEK, Granularity.MONTH)) {
            FindRefundReasonBreakdown quarter = new FindRefundReasonBreakdown(new AnalyticsRange(FROM, TO, granularity),
                    RefundGroupBy.PRODUCT, RefundFilters.NONE, 10);
            int units = quarter.range().cover().size();
            Map<String, Long> fewReads = reads(few, quarter, RefundAnalyticsQueries::answerFromCells);
            Map<String, Long> manyReads = reads(many, quarter, RefundAnalyticsQueries::answerFromCells);
            Map<String, Long> manyDayOnly = reads(many, quarter, RefundAnalyticsQueries::answerFromDayCells);

            long fewCells = WireReads.cells(fewReads);
            long manyCells = WireReads.cells(manyReads);
            assertThat(manyCells).as("%s: cells read with 10× the applications (%s vs %s)", granularity, manyReads, fewReads)
                    .isLessThan(5 * fewCells)
                    .isLessThanOrEqualTo((long) units * COMBINATIONS)
                    .isLessThan(WireReads.cells(manyDayOnly) / 2);
            assertThat(WireReads.indexDocuments(manyReads)).as("one index document per unit").isLessThanOrEqualTo(units);
        }
    }

    @Test
    void a_question_without_filters_reads_one_summary_per_covering_unit_whatever_the_volume() {
        RefundAnalyticsStore few = storeWith(250, 3);
        RefundAnalyticsStore many = storeWith(2_500, 4);
        Set<String> summaryCollections = Set.of(RefundAnalyticsStore.DAY_SUMMARIES, RefundAnalyticsStore.WEEK_SUMMARIES,
                RefundAnalyticsStore.MONTH_SUMMARIES);

        for (Granularity granularity : Granularity.values()) {
            for (RefundGroupBy groupBy : RefundGroupBy.values()) {
                // Cut mid-week and mid-month on both ends, as the dashboard's quarter is (2026-08-25..2026-11-30).
                AnalyticsRange range = new AnalyticsRange(FROM.plusDays(2), TO.minusDays(3), granularity);
                FindRefundReasonBreakdown question = new FindRefundReasonBreakdown(range, groupBy, RefundFilters.NONE, 10);
                int units = range.cover().size();

                Map<String, Long> fewReads = reads(few, question, RefundAnalyticsQueries::answer);
                Map<String, Long> manyReads = reads(many, question, RefundAnalyticsQueries::answer);

                assertThat(manyReads.keySet()).as("%s by %s: only summaries are read", granularity, groupBy)
                        .isSubsetOf(summaryCollections);
                // Every unit has applications at the higher volume; at the lower one a day may have none, and no summary.
                assertThat(total(fewReads)).as("%s by %s: documents read", granularity, groupBy).isLessThanOrEqualTo(units);
                assertThat(total(manyReads)).as("%s by %s: documents read with 10× the applications", granularity, groupBy)
                        .isEqualTo(units);
            }
        }
        // By day, a quarter is tiled by its months, weeks and days: far fewer units than its 92 days, never more.
        AnalyticsRange quarterByDay = new AnalyticsRange(FROM, TO, Granularity.DAY);
        assertThat(total(reads(many, new FindRefundReasonBreakdown(quarterByDay, RefundGroupBy.PRODUCT, RefundFilters.NONE, 10),
                RefundAnalyticsQueries::answer))).isEqualTo(quarterByDay.cover().size()).isLessThanOrEqualTo(92);
    }

    private Map<String, Long> reads(RefundAnalyticsStore store, FindRefundReasonBreakdown question,
                                    BiFunction<RefundAnalyticsQueries, FindRefundReasonBreakdown, RefundReasonBreakdownView> answer) {
        RefundAnalyticsQueries queries = new RefundAnalyticsQueries(store, SHANGHAI);
        return wire.during(() -> answer.apply(queries, question));
    }



    private static long total(Map<String, Long> reads) {
        return reads.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A fresh store fed {@code applications} submissions spread over the quarter. */
    private RefundAnalyticsStore storeWith(int applications, long seed) {
        RefundAnalyticsStore store = new RefundAnalyticsStore(wire.freshDatabase());
        AnalyticsFeed feed = new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI));
        Random random = new Random(seed);
        Instant start = FROM.atStartOfDay(SHANGHAI).toInstant();
        long seconds = (TO.toEpochDay() - FROM.toEpochDay() + 1) * 86_400;
        for (int i = 0; i < applications; i++) {
            feed.deliver(submitted(newApplicationId(), RefundReasonCategory.valueOf(REASONS[random.nextInt(REASONS.length)]),
                    PRODUCTS[random.nextInt(PRODUCTS.length)], SEGMENTS[random.nextInt(SEGMENTS.length)],
                    Money.of("100.00", "CNY"), start.plusSeconds((long) (random.nextDouble() * seconds))),
                    CHANNELS.get(random.nextInt(CHANNELS.size())));
        }
        return store;
    }
}
