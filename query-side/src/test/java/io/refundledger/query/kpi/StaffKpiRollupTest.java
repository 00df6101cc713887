package io.refundledger.query.kpi;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.RollupSpans;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.escalated;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rated;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.resubmitted;
import static io.refundledger.query.refund.RefundEvents.secondApproval;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Week and month roll-ups against the day cells they sum: every question, read through the coarsest cells covering its
 * periods and its range, gets the answer folded from day cells only, for generated histories, ranges cut mid-week and
 * mid-month, every granularity, with and without a team; and the roll-ups, like the day cells, are unchanged by
 * redelivery and rebuilt exactly by a replay.
 */
class StaffKpiRollupTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final StaffTeams TEAMS = new StaffTeams(Map.of("reviewer", "review-east", "reviewer3", "review-east",
            "reviewer2", "review-west", "finance", "finance"));
    private static final String[] REVIEWERS = {"reviewer", "reviewer2", "reviewer3", "temp-worker"};
    /** 2026-11-16 00:00 Shanghai; histories reach back and forward across month, quarter and year ends. */
    private static final Instant ORIGIN = Instant.parse("2026-11-15T16:00:00Z");

    @Test
    void questions_read_through_the_roll_ups_get_the_answers_folded_from_day_cells() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            StaffKpiStore store = new StaffKpiStore(EventFeed.freshDatabase());
            history(new AnalyticsFeed(new StaffKpiProjection(store, SHANGHAI)), random, 200, 120);
            StaffKpiQueries queries = new StaffKpiQueries(store, TEAMS, Clock.systemUTC(), SHANGHAI);
            int compared = 0;
            for (KpiRange range : ranges(random)) {
                for (String team : new String[] {null, "review-east"}) {
                    KpiMetric metric = KpiMetric.values()[random.nextInt(KpiMetric.values().length)];
                    FindStaffKpis question = new FindStaffKpis(range, team, metric, 1 + random.nextInt(5));
                    StaffKpisView expected = queries.answer(question, Tiling.DAYS);
                    assertThat(queries.answer(question)).as("seed %d, %s", seed, question).isEqualTo(expected);
                    compared++;
                }
                FindStaffMemberKpis member = new FindStaffMemberKpis(REVIEWERS[random.nextInt(REVIEWERS.length)], range);
                assertThat(queries.answer(member)).as("seed %d, %s", seed, member)
                        .isEqualTo(queries.answer(member, Tiling.DAYS));
            }
            assertThat(compared).isGreaterThan(80);
        }
    }

    @Test
    void the_answers_hold_durations_and_figures_of_every_kind() {
        StaffKpiStore store = new StaffKpiStore(EventFeed.freshDatabase());
        history(new AnalyticsFeed(new StaffKpiProjection(store, SHANGHAI)), new Random(5), 200, 120);
        StaffKpiQueries queries = new StaffKpiQueries(store, TEAMS, Clock.systemUTC(), SHANGHAI);

        StaffKpiFigures all = queries.answer(new FindStaffKpis(new KpiRange(LocalDate.parse("2026-09-01"),
                LocalDate.parse("2027-01-31"), Granularity.TOTAL), "review-east", KpiMetric.HANDLED, 10)).teams().get(0).figures();

        // Not a fold of empty cells: the comparisons above compare every kind of figure.
        assertThat(all.handled()).isGreaterThan(50);
        assertThat(all.reviewsTimed()).isGreaterThan(50);
        assertThat(all.paidOut()).isPositive();
        assertThat(all.ratings()).isPositive();
        assertThat(all.reopened()).isPositive();
        assertThat(all.slaBreaches()).isPositive();
        assertThat(all.informationRequests()).isPositive();
        assertThat(all.p90ReviewSeconds()).isGreaterThan(all.medianReviewSeconds());
    }

    @Test
    void every_roll_up_cell_is_the_sum_of_its_day_cells() {
        StaffKpiStore store = new StaffKpiStore(EventFeed.freshDatabase());
        history(new AnalyticsFeed(new StaffKpiProjection(store, SHANGHAI)), new Random(7), 200, 120);

        for (var span : List.of(io.refundledger.query.analytics.Granularity.WEEK, io.refundledger.query.analytics.Granularity.MONTH)) {
            Map<String, StaffKpiTotals> summed = new TreeMap<>();
            store.allCells(io.refundledger.query.analytics.Granularity.DAY).forEach(day -> summed.merge(
                    new StaffCellKey(CellUnit.holding(span, day.unit().start()), day.staffId()).id(), day.totals(),
                    StaffKpiTotals::plus));
            Map<String, StaffKpiTotals> stored = new TreeMap<>();
            store.allCells(span).forEach(cell -> stored.put(cell.key().id(), cell.totals()));
            assertThat(stored).as(span.name()).isEqualTo(summed).isNotEmpty();
        }
    }

    @Test
    void roll_ups_are_unchanged_by_redelivery_and_rebuilt_exactly_by_a_replay() {
        StaffKpiStore store = new StaffKpiStore(EventFeed.freshDatabase());
        AnalyticsFeed feed = new AnalyticsFeed(new StaffKpiProjection(store, SHANGHAI));
        history(feed, new Random(11), 120, 60);
        Map<String, List<StaffKpiCell>> live = everyCell(store);
        assertThat(live.get("MONTH")).isNotEmpty();

        feed.redeliverAll();
        assertThat(everyCell(store)).isEqualTo(live);

        feed.resetAndReplay();
        assertThat(everyCell(store)).isEqualTo(live);
    }

    private static Map<String, List<StaffKpiCell>> everyCell(StaffKpiStore store) {
        Map<String, List<StaffKpiCell>> cells = new TreeMap<>();
        for (var span : io.refundledger.query.analytics.Granularity.values()) {
            cells.put(span.name(), store.allCells(span).stream().sorted(Comparator.comparing(c -> c.key().id())).toList());
        }
        return cells;
    }

    // ------------------------------------------------------------------------------------------- generators

    /**
     * Applications submitted over {@code days} days around {@link #ORIGIN} by an agent; most assigned, then approved
     * (some paid out and rated, some under four-eyes), rejected (some resubmitted and decided again), asked about, or
     * escalated, minutes to days later, by reviewers of two teams and one of none.
     */
    static void history(AnalyticsFeed feed, Random random, int applications, int days) {
        List<Runnable> later = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            String id = newApplicationId();
            Instant at = ORIGIN.minusSeconds(86_400L * days / 2).plusSeconds((long) (random.nextDouble() * 86_400 * days));
            feed.deliver(submitted(id, newApplicationNumber(), "customer-" + i, "order-" + i, at), by("agent", "STAFF"));
            String reviewer = REVIEWERS[random.nextInt(REVIEWERS.length)];
            boolean assign = random.nextInt(4) > 0;
            Instant decided = at.plusSeconds(60 + (long) Math.exp(random.nextDouble() * Math.log(4 * 86_400)));
            int outcome = random.nextInt(6);
            later.add(() -> {
                if (assign) {
                    feed.deliver(assigned(id, reviewer, null, at.plusSeconds(random.nextInt(3_600))), by("admin", "ADMIN"));
                }
                if (outcome == 5) {
                    feed.deliver(informationRequested(id, "Invoice?", decided.minusSeconds(30)), by(reviewer, "STAFF"));
                    feed.deliver(escalated(id, DeadlineKind.REVIEW, decided, decided.plusSeconds(60)), by("system", "SYSTEM"));
                    return; // still open
                }
                if (outcome <= 1) {
                    feed.deliver(approved(id, "1200", decided), by(reviewer, "STAFF"));
                    Instant paid = decided.plusSeconds(600 + random.nextInt(3 * 86_400));
                    feed.deliver(payoutStarted(id, "p-" + id, Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1,
                            paid.minusSeconds(300)), by("finance", "STAFF"));
                    feed.deliver(payoutSucceeded(id, "p-" + id, Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, paid),
                            by("finance", "STAFF"));
                    if (outcome == 0) {
                        feed.deliver(rated(id, 1 + random.nextInt(5), paid.plusSeconds(86_400)), by("agent", "STAFF"));
                    }
                } else if (outcome == 2) {
                    feed.deliver(firstApproval(id, "8000", decided), by(reviewer, "STAFF"));
                    feed.deliver(secondApproval(id, "8000", reviewer, decided.plusSeconds(7_200)), by("finance", "STAFF"));
                } else {
                    feed.deliver(rejected(id, decided), by(reviewer, "STAFF"));
                    if (outcome == 3) {
                        Instant again = decided.plusSeconds(86_400 + random.nextInt(86_400));
                        feed.deliver(resubmitted(id, "900", again), by("agent", "STAFF"));
                        feed.deliver(approved(id, "900", again.plusSeconds(60 + random.nextInt(20_000))),
                                by(REVIEWERS[random.nextInt(REVIEWERS.length)], "STAFF"));
                    }
                }
            });
            // Later events interleave with other applications' submissions, as in a store.
            if (random.nextInt(3) == 0 && !later.isEmpty()) {
                later.remove(random.nextInt(later.size())).run();
            }
        }
        later.forEach(Runnable::run);
    }

    /** The spans of {@link RollupSpans}, at every granularity. */
    static List<KpiRange> ranges(Random random) {
        return RollupSpans.ranges(random, Granularity.values(), KpiRange::new);
    }
}
