package io.refundledger.query.kpi;

import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.testing.WireReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many documents a quarter's KPI questions read, counted on the wire (every document a find or getMore returns):
 * per unit covering the question one index document and one cell per staff member in it, so ten times the decisions
 * in the same quarter read no more documents. Before the roll-ups a quarter read every day cell, and each listed every
 * duration of its day.
 */
class StaffKpiRollupReadsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final StaffTeams TEAMS = new StaffTeams(Map.of("reviewer", "review-east", "reviewer2", "review-west"));
    private static final String[] REVIEWERS = {"reviewer", "reviewer2", "reviewer3"};
    /** The dashboard's quarter: cut mid-week and mid-month at its start, on a month's end at its end. */
    private static final LocalDate FROM = LocalDate.parse("2026-08-25");
    private static final LocalDate TO = LocalDate.parse("2026-11-30");

    private final WireReads wire = new WireReads();

    @AfterEach
    void close() {
        wire.close();
    }

    @Test
    void a_quarters_questions_read_one_index_document_and_a_cell_per_person_per_covering_unit_whatever_the_volume() {
        StaffKpiQueries few = queriesOver(storeWith(100, 1));
        StaffKpiQueries many = queriesOver(storeWith(1_000, 2));

        for (Granularity granularity : Granularity.values()) {
            KpiRange quarter = new KpiRange(FROM, TO, granularity);
            FindStaffKpis leaderboard = new FindStaffKpis(quarter, null, KpiMetric.MEDIAN_REVIEW_TIME, 10);
            int units = Tiling.COARSEST.unitsOf(quarter).size();

            Map<String, Long> fewReads = reads(() -> few.answer(leaderboard));
            Map<String, Long> manyReads = reads(() -> many.answer(leaderboard));
            Map<String, Long> manyDayOnly = reads(() -> many.answer(leaderboard, Tiling.DAYS));

            assertThat(WireReads.cells(manyReads)).as("%s: cells read with 10× the decisions (%s vs %s)", granularity, manyReads, fewReads)
                    .isLessThanOrEqualTo((long) units * REVIEWERS.length);
            assertThat(WireReads.cells(fewReads)).isPositive().isLessThanOrEqualTo((long) units * REVIEWERS.length);
            assertThat(WireReads.indexDocuments(manyReads)).as("%s: one index document per unit", granularity).isLessThanOrEqualTo(units);
            if (granularity != Granularity.DAY) {
                assertThat(WireReads.cells(manyReads)).as("%s: fewer than the day cells", granularity).isLessThan(WireReads.cells(manyDayOnly) / 3);
            }

            FindStaffMemberKpis one = new FindStaffMemberKpis("reviewer", quarter);
            Map<String, Long> oneReads = reads(() -> many.answer(one));
            assertThat(oneReads.keySet()).as("%s: one person's cells only, named by their units", granularity)
                    .isSubsetOf(StaffKpiStore.DAY_CELLS, StaffKpiStore.WEEK_CELLS, StaffKpiStore.MONTH_CELLS);
            assertThat(WireReads.cells(oneReads)).isLessThanOrEqualTo(units);
        }
        // The dashboard's leaderboard: a quarter as its three months and the seven days before them.
        assertThat(Tiling.COARSEST.unitsOf(new KpiRange(FROM, TO, Granularity.TOTAL))).hasSize(10);
    }

    private Map<String, Long> reads(Supplier<?> answer) {
        return wire.during(answer);
    }



    private static StaffKpiQueries queriesOver(StaffKpiStore store) {
        return new StaffKpiQueries(store, TEAMS, Clock.systemUTC(), SHANGHAI);
    }

    /** A fresh store fed {@code applications} decisions spread over the quarter, each minutes to hours after its assignment. */
    private StaffKpiStore storeWith(int applications, long seed) {
        StaffKpiStore store = new StaffKpiStore(wire.freshDatabase());
        AnalyticsFeed feed = new AnalyticsFeed(new StaffKpiProjection(store, SHANGHAI));
        Random random = new Random(seed);
        Instant start = FROM.atStartOfDay(SHANGHAI).toInstant();
        long seconds = (TO.toEpochDay() - FROM.toEpochDay() + 1) * 86_400;
        for (int i = 0; i < applications; i++) {
            String id = newApplicationId();
            Instant at = start.plusSeconds((long) (random.nextDouble() * (seconds - 86_400)));
            String reviewer = REVIEWERS[random.nextInt(REVIEWERS.length)];
            feed.deliver(submitted(id, newApplicationNumber(), "customer-" + i, "order-" + i, at), by("agent", "STAFF"));
            feed.deliver(assigned(id, reviewer, null, at), by("admin", "ADMIN"));
            Instant decided = at.plusSeconds(60 + random.nextInt(20_000));
            feed.deliver(random.nextBoolean() ? approved(id, "100", decided) : rejected(id, decided), by(reviewer, "STAFF"));
        }
        return store;
    }
}
