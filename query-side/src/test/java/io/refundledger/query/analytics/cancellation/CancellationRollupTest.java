package io.refundledger.query.analytics.cancellation;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.refund.EventFeed;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.refundledger.query.analytics.SubscriptionEvents.SHANGHAI;
import static io.refundledger.query.analytics.SubscriptionEvents.refused;
import static io.refundledger.query.analytics.SubscriptionEvents.requested;
import static io.refundledger.query.analytics.SubscriptionEvents.revoked;
import static io.refundledger.query.analytics.SubscriptionEvents.settlementPaid;
import static io.refundledger.query.analytics.SubscriptionEvents.started;
import static io.refundledger.query.analytics.SubscriptionEvents.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancellation roll-ups and unit summaries against the day cells: the same answers for any range, granularity and
 * grouping (through the summaries for every question without filters); unchanged by redelivery, rebuilt by a replay.
 */
class CancellationRollupTest {

    private static final Instant ORIGIN = Instant.parse("2026-11-15T16:00:00Z");
    private static final String[] SEGMENTS = {"SMB", "ENTERPRISE"};
    private static final String[] PLANS = {"PRO-ANNUAL", "BASIC-MONTHLY"};
    private static final String[] PRODUCTS = {"CRM-PRO", "SMS-BUNDLE"};

    @Test
    void questions_read_through_the_roll_ups_get_the_answers_folded_from_day_cells() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            CancellationAnalyticsStore store = new CancellationAnalyticsStore(EventFeed.freshDatabase());
            history(new AnalyticsFeed(new CancellationAnalyticsProjection(store, SHANGHAI)), random, 120);
            CancellationAnalyticsQueries queries = new CancellationAnalyticsQueries(store, SHANGHAI);
            for (LocalDate[] span : List.of(
                    new LocalDate[]{LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-18")},
                    new LocalDate[]{LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")},
                    new LocalDate[]{LocalDate.parse("2026-10-14"), LocalDate.parse("2027-01-06")},
                    new LocalDate[]{LocalDate.parse("2026-12-23"), LocalDate.parse("2027-01-09")},
                    new LocalDate[]{LocalDate.parse("2026-11-04"), LocalDate.parse("2026-12-15")})) {
                for (Granularity granularity : Granularity.values()) {
                    for (CancellationGroupBy groupBy : CancellationGroupBy.values()) {
                        CancellationFilters filters = random.nextInt(4) == 0
                                ? new CancellationFilters(null, PLANS[random.nextInt(2)], null, null, null, null)
                                : CancellationFilters.NONE;
                        FindCancellationReasonBreakdown question = new FindCancellationReasonBreakdown(
                                new AnalyticsRange(span[0], span[1], granularity), groupBy, filters, 5);
                        assertThat(queries.answer(question)).as("seed %d, %s", seed, question)
                                .isEqualTo(queries.answerFromDayCells(question));
                    }
                }
            }
        }
    }

    @Test
    void questions_without_filters_read_through_the_summaries_get_the_answers_folded_from_day_cells() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(100 + seed);
            CancellationAnalyticsStore store = new CancellationAnalyticsStore(EventFeed.freshDatabase());
            history(new AnalyticsFeed(new CancellationAnalyticsProjection(store, SHANGHAI)), random, 120);
            CancellationAnalyticsQueries queries = new CancellationAnalyticsQueries(store, SHANGHAI);
            int compared = 0;
            for (LocalDate[] span : spans(random)) {
                for (Granularity granularity : Granularity.values()) {
                    for (CancellationGroupBy groupBy : CancellationGroupBy.values()) {
                        FindCancellationReasonBreakdown question = new FindCancellationReasonBreakdown(
                                new AnalyticsRange(span[0], span[1], granularity), groupBy, CancellationFilters.NONE, 3);
                        CancellationReasonBreakdownView expected = queries.answerFromDayCells(question);
                        assertThat(queries.answerFromSummaries(question)).as("seed %d, %s", seed, question).isEqualTo(expected);
                        assertThat(queries.answer(question)).isEqualTo(expected);
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThan(100);
        }
    }

    @Test
    void every_summary_holds_per_value_of_each_dimension_the_sum_of_its_units_day_cells() {
        CancellationAnalyticsStore store = new CancellationAnalyticsStore(EventFeed.freshDatabase());
        history(new AnalyticsFeed(new CancellationAnalyticsProjection(store, SHANGHAI)), new Random(9), 120);

        for (Granularity span : Granularity.values()) {
            Map<String, Map<String, Map<String, CancellationTotals>>> summed = new TreeMap<>();
            for (CancellationCell day : store.allCells()) {
                for (CancellationGroupBy dimension : CancellationGroupBy.values()) {
                    summed.computeIfAbsent(span.label(day.key().date()), u -> new TreeMap<>())
                            .computeIfAbsent(dimension.summaryField(), f -> new TreeMap<>())
                            .merge(dimension.valueOf(day.key()), day.totals(), CancellationTotals::plus);
                }
            }
            Map<String, Map<String, Map<String, CancellationTotals>>> stored = new TreeMap<>();
            for (Document summary : store.allSummaries(span)) {
                for (CancellationGroupBy dimension : CancellationGroupBy.values()) {
                    summary.get(dimension.summaryField(), Document.class).forEach((value, entry) ->
                            stored.computeIfAbsent(summary.getString("_id"), u -> new TreeMap<>())
                                    .computeIfAbsent(dimension.summaryField(), f -> new TreeMap<>())
                                    .put(value, CancellationAnalyticsStore.fromEntry((Document) entry)));
                }
            }
            assertThat(stored).as(span.name()).isEqualTo(summed).isNotEmpty();
        }
    }

    /** Fixed cuts (a day, a quarter, across a year end, mid-week and mid-month) and random ones. */
    private static List<LocalDate[]> spans(Random random) {
        List<LocalDate[]> spans = new ArrayList<>(List.of(
                new LocalDate[]{LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-18")},
                new LocalDate[]{LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")},
                new LocalDate[]{LocalDate.parse("2026-10-14"), LocalDate.parse("2027-01-06")},
                new LocalDate[]{LocalDate.parse("2026-12-23"), LocalDate.parse("2027-01-09")},
                new LocalDate[]{LocalDate.parse("2026-11-04"), LocalDate.parse("2026-12-15")}));
        LocalDate first = LocalDate.parse("2026-09-10");
        for (int i = 0; i < 4; i++) {
            LocalDate from = first.plusDays(random.nextInt(120));
            spans.add(new LocalDate[]{from, from.plusDays(random.nextInt(80))});
        }
        return spans;
    }

    @Test
    void roll_ups_are_unchanged_by_redelivery_and_rebuilt_exactly_by_a_replay() {
        CancellationAnalyticsStore store = new CancellationAnalyticsStore(EventFeed.freshDatabase());
        AnalyticsFeed feed = new AnalyticsFeed(new CancellationAnalyticsProjection(store, SHANGHAI));
        history(feed, new Random(5), 80);
        Map<Granularity, List<CancellationCell>> live = everyCell(store);
        Map<Granularity, List<Document>> liveSummaries = everySummary(store);
        assertThat(live.get(Granularity.MONTH)).isNotEmpty();
        assertThat(liveSummaries.get(Granularity.MONTH)).isNotEmpty();

        feed.redeliverAll();
        assertThat(everyCell(store)).isEqualTo(live);
        assertThat(everySummary(store)).isEqualTo(liveSummaries);

        feed.resetAndReplay();
        assertThat(everyCell(store)).isEqualTo(live);
        assertThat(everySummary(store)).isEqualTo(liveSummaries);
    }

    private static Map<Granularity, List<Document>> everySummary(CancellationAnalyticsStore store) {
        Map<Granularity, List<Document>> summaries = new TreeMap<>();
        for (Granularity span : Granularity.values()) {
            summaries.put(span, store.allSummaries(span).stream().sorted(Comparator.comparing(d -> d.getString("_id"))).toList());
        }
        return summaries;
    }

    private static Map<Granularity, List<CancellationCell>> everyCell(CancellationAnalyticsStore store) {
        Map<Granularity, List<CancellationCell>> cells = new TreeMap<>();
        for (Granularity span : Granularity.values()) {
            cells.put(span, store.allCells(span).stream().sorted(Comparator.comparing(c -> c.key().idIn(span))).toList());
        }
        return cells;
    }

    /** Subscriptions with a request (some revoked, some terminated and paid) or a refused attempt, over four months. */
    private static void history(AnalyticsFeed feed, Random random, int subscriptions) {
        for (int i = 0; i < subscriptions; i++) {
            String subscription = UUID.randomUUID().toString();
            feed.deliver(started(subscription, SEGMENTS[random.nextInt(2)], PLANS[random.nextInt(2)], PRODUCTS[random.nextInt(2)]));
            Instant at = ORIGIN.minusSeconds(86_400L * 60).plusSeconds((long) (random.nextDouble() * 86_400 * 120));
            CancellationReason reason = CancellationReason.values()[random.nextInt(CancellationReason.values().length)];
            Map<String, String> channel = random.nextBoolean() ? Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE") : Map.of();
            if (random.nextInt(5) == 0) {
                feed.deliver(refused(subscription, reason, at), channel);
                continue;
            }
            String cancellation = UUID.randomUUID().toString();
            feed.deliver(requested(subscription, cancellation, reason,
                    random.nextBoolean() ? CancellationEffect.IMMEDIATELY : CancellationEffect.END_OF_TERM, at), channel);
            Instant next = at.plusSeconds(86_400L * (1 + random.nextInt(20)));
            switch (random.nextInt(3)) {
                case 0 -> feed.deliver(revoked(subscription, cancellation, next));
                case 1 -> {
                    Money refund = Money.of(Integer.toString(100 + random.nextInt(900)) + ".00", "CNY");
                    feed.deliver(terminated(subscription, cancellation, refund, next));
                    feed.deliver(settlementPaid(subscription, cancellation, refund, next.plusSeconds(3_600)));
                }
                default -> { } // stays open
            }
        }
    }
}
