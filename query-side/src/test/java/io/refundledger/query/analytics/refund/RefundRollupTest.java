package io.refundledger.query.analytics.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.RollupSpans;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.refundledger.query.analytics.refund.RefundAnalyticsProjectionTest.submitted;
import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Week and month roll-ups and the unit summaries against the day cells they sum: any question read through the
 * roll-ups, and any question without filters read through the summaries, gets the answer folded from day cells only,
 * for generated histories, ranges cut anywhere, every granularity and grouping; and the roll-ups and summaries, like
 * the day cells, are unchanged by redelivery and rebuilt exactly by a replay.
 */
class RefundRollupTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] REASONS = {"PRODUCT_QUALITY", "WRONG_ITEM", "PRICE_CHANGE", "OTHER"};
    private static final String[] PRODUCTS = {"CRM-PRO", "HEADSET-X2", "SMS-BUNDLE"};
    private static final String[] SEGMENTS = {"SMB", "ENTERPRISE"};
    /** 2026-11-16 00:00 Shanghai; histories reach back and forward across month, quarter and year ends. */
    private static final Instant ORIGIN = Instant.parse("2026-11-15T16:00:00Z");

    @Test
    void questions_read_through_the_roll_ups_get_the_answers_folded_from_day_cells() {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            RefundAnalyticsStore store = new RefundAnalyticsStore(EventFeed.freshDatabase());
            AnalyticsFeed feed = new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI));
            history(feed, random, 150, 120);
            RefundAnalyticsQueries queries = new RefundAnalyticsQueries(store, SHANGHAI);
            int compared = 0;
            for (AnalyticsRange range : ranges(random)) {
                for (RefundGroupBy groupBy : RefundGroupBy.values()) {
                    FindRefundReasonBreakdown question = new FindRefundReasonBreakdown(range, groupBy, filters(random), 5);
                    RefundReasonBreakdownView expected = queries.answerFromDayCells(question);
                    assertThat(queries.answer(question)).as("seed %d, %s", seed, question).isEqualTo(expected);
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(100);
        }
    }

    @Test
    void questions_without_filters_read_through_the_summaries_get_the_answers_folded_from_day_cells() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(100 + seed);
            RefundAnalyticsStore store = new RefundAnalyticsStore(EventFeed.freshDatabase());
            history(new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI)), random, 150, 120);
            RefundAnalyticsQueries queries = new RefundAnalyticsQueries(store, SHANGHAI);
            int compared = 0;
            for (AnalyticsRange range : ranges(random)) {
                for (RefundGroupBy groupBy : RefundGroupBy.values()) {
                    for (int top : new int[] {1, 5}) {
                        FindRefundReasonBreakdown question = new FindRefundReasonBreakdown(range, groupBy, RefundFilters.NONE, top);
                        RefundReasonBreakdownView expected = queries.answerFromDayCells(question);
                        assertThat(queries.answerFromSummaries(question)).as("seed %d, %s", seed, question).isEqualTo(expected);
                        assertThat(queries.answer(question)).isEqualTo(expected);
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThan(200);
        }
    }

    @Test
    void every_summary_holds_per_value_of_each_dimension_the_sum_of_its_units_day_cells() {
        RefundAnalyticsStore store = new RefundAnalyticsStore(EventFeed.freshDatabase());
        history(new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI)), new Random(7), 200, 120);

        for (Granularity span : Granularity.values()) {
            // Unit → field → value → figures, a value listed once a day cell of it exists (even one back at nothing).
            Map<String, Map<String, Map<String, RefundTotals>>> summed = new TreeMap<>();
            for (RefundCell day : store.allCells()) {
                for (RefundGroupBy dimension : RefundGroupBy.values()) {
                    summed.computeIfAbsent(span.label(day.key().date()), u -> new TreeMap<>())
                            .computeIfAbsent(dimension.summaryField(), f -> new TreeMap<>())
                            .merge(dimension.valueOf(day.key()), day.totals(), RefundTotals::plus);
                }
            }
            Map<String, Map<String, Map<String, RefundTotals>>> stored = new TreeMap<>();
            for (Document summary : store.allSummaries(span)) {
                for (RefundGroupBy dimension : RefundGroupBy.values()) {
                    summary.get(dimension.summaryField(), Document.class).forEach((value, entry) ->
                            stored.computeIfAbsent(summary.getString("_id"), u -> new TreeMap<>())
                                    .computeIfAbsent(dimension.summaryField(), f -> new TreeMap<>())
                                    .put(value, RefundAnalyticsStore.fromEntry((Document) entry)));
                }
            }
            assertThat(stored).as(span.name()).isEqualTo(summed).isNotEmpty();
        }
    }

    @Test
    void every_roll_up_cell_is_the_sum_of_its_day_cells() {
        RefundAnalyticsStore store = new RefundAnalyticsStore(EventFeed.freshDatabase());
        history(new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI)), new Random(7), 200, 120);

        for (Granularity span : List.of(Granularity.WEEK, Granularity.MONTH)) {
            Map<String, RefundTotals> summed = new TreeMap<>();
            store.allCells().forEach(day -> summed.merge(day.key().rolledUpTo(span).idIn(span), day.totals(), RefundTotals::plus));
            summed.values().removeIf(RefundTotals::isEmpty);
            Map<String, RefundTotals> stored = new TreeMap<>();
            store.allCells(span).stream().filter(cell -> !cell.totals().isEmpty())
                    .forEach(cell -> stored.put(cell.key().idIn(span), cell.totals()));
            assertThat(stored).as(span.name()).isEqualTo(summed).isNotEmpty();
        }
    }

    @Test
    void roll_ups_are_unchanged_by_redelivery_and_rebuilt_exactly_by_a_replay() {
        RefundAnalyticsStore store = new RefundAnalyticsStore(EventFeed.freshDatabase());
        AnalyticsFeed feed = new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI));
        history(feed, new Random(11), 120, 60);
        Map<Granularity, List<RefundCell>> live = everyCell(store);
        Map<Granularity, List<Document>> liveSummaries = everySummary(store);
        assertThat(liveSummaries.get(Granularity.MONTH)).isNotEmpty();

        feed.redeliverAll();
        assertThat(everyCell(store)).isEqualTo(live);
        assertThat(everySummary(store)).isEqualTo(liveSummaries);

        feed.resetAndReplay();
        assertThat(everyCell(store)).isEqualTo(live);
        assertThat(everySummary(store)).isEqualTo(liveSummaries);
    }

    private static Map<Granularity, List<Document>> everySummary(RefundAnalyticsStore store) {
        Map<Granularity, List<Document>> summaries = new TreeMap<>();
        for (Granularity span : Granularity.values()) {
            summaries.put(span, store.allSummaries(span).stream().sorted(Comparator.comparing(d -> d.getString("_id"))).toList());
        }
        return summaries;
    }

    private static Map<Granularity, List<RefundCell>> everyCell(RefundAnalyticsStore store) {
        Map<Granularity, List<RefundCell>> cells = new TreeMap<>();
        for (Granularity span : Granularity.values()) {
            cells.put(span, store.allCells(span).stream().sorted(Comparator.comparing(c -> c.key().idIn(span))).toList());
        }
        return cells;
    }

    // ------------------------------------------------------------------------------------------- generators

    /**
     * Applications submitted over {@code days} days around {@link #ORIGIN}, in two currencies; some approved and paid,
     * rejected, withdrawn, or resubmitted with another reason (which moves them to another cell).
     */
    static void history(AnalyticsFeed feed, Random random, int applications, int days) {
        List<Runnable> later = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            String id = newApplicationId();
            Instant at = ORIGIN.minusSeconds(86_400L * days / 2).plusSeconds((long) (random.nextDouble() * 86_400 * days));
            String currency = random.nextInt(4) == 0 ? "USD" : "CNY";
            Money requested = Money.of(Integer.toString(10 + random.nextInt(2_000)) + ".50", currency);
            Map<String, String> channel = random.nextBoolean() ? Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE")
                    : random.nextBoolean() ? Map.of(MetadataKeys.CUSTOMER_CHANNEL, "OFFLINE") : Map.of();
            feed.deliver(submitted(id, RefundReasonCategory.valueOf(pick(random, REASONS)), pick(random, PRODUCTS),
                    pick(random, SEGMENTS), requested, at), channel);
            Instant next = at.plusSeconds(3_600 + random.nextInt(5 * 86_400));
            switch (random.nextInt(5)) {
                case 0 -> later.add(() -> {
                    feed.deliver(approved(id, requested.amount().toPlainString(), next));
                    feed.deliver(payoutSucceeded(id, "p-" + id, requested, PayoutMethod.ORIGINAL_PAYMENT, next.plusSeconds(600)));
                });
                case 1 -> later.add(() -> feed.deliver(rejected(id, next)));
                case 2 -> later.add(() -> feed.deliver(withdrawn(id, next)));
                case 3 -> later.add(() -> {
                    feed.deliver(rejected(id, next));
                    feed.deliver(new RefundApplicationResubmitted(id, requested,
                            RefundReasonCategory.valueOf(pick(random, REASONS)), "again", "photos", next.plusSeconds(60)));
                });
                default -> { } // stays open
            }
            // Later events interleave with other applications' submissions, as in a store.
            if (random.nextInt(3) == 0 && !later.isEmpty()) {
                later.remove(random.nextInt(later.size())).run();
            }
        }
        later.forEach(Runnable::run);
    }

    /** The spans of {@link RollupSpans}, at every granularity. */
    static List<AnalyticsRange> ranges(Random random) {
        return RollupSpans.ranges(random, Granularity.values(), AnalyticsRange::new);
    }

    /** Mostly none; sometimes one or two dimensions fixed (the roll-ups carry every dimension, so filters hold). */
    private static RefundFilters filters(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new RefundFilters(pick(random, REASONS), null, null, null);
            case 1 -> new RefundFilters(null, pick(random, PRODUCTS), random.nextBoolean() ? pick(random, SEGMENTS) : null,
                    random.nextBoolean() ? "ONLINE" : "UNKNOWN");
            default -> RefundFilters.NONE;
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
