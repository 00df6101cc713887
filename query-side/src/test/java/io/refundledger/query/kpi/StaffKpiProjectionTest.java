package io.refundledger.query.kpi;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.kpi.StaffKpisView.LeaderboardEntry;
import io.refundledger.query.kpi.StaffKpisView.TeamRow;
import io.refundledger.query.refund.EventFeed;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.kpi.KpiCells.bucketed;
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
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Staff KPIs from refund events with their actors: who is credited with what, on which business day
 * (Asia/Shanghai) and so in which week and month, and that redelivery and a reset with replay leave the same figures.
 */
class StaffKpiProjectionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 10:00 in Shanghai on Monday 2026-11-23. */
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final String MONDAY = "2026-11-23";
    /** The day a range without an end ends on: the test's own, not the day it runs. */
    private static final LocalDate TODAY = LocalDate.parse("2026-11-30");
    private static final StaffTeams TEAMS = new StaffTeams(Map.of("reviewer", "review-east", "reviewer2", "review-west",
            "finance", "finance", "agent", "service-desk"));

    private MongoDatabase database;
    private StaffKpiStore store;
    private StaffKpiQueries queries;
    private EventFeed feed;
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        store = new StaffKpiStore(database);
        queries = new StaffKpiQueries(store, TEAMS, Clock.fixed(T0.plus(Duration.ofDays(7)), SHANGHAI), SHANGHAI);
        feed = new EventFeed(new StaffKpiProjection(store, SHANGHAI));
    }

    @Test
    void an_approval_credits_the_assigned_reviewer_with_review_time_and_later_the_payout_time_and_rating() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(assigned(id, "reviewer", null, T0.plus(Duration.ofMinutes(30))), "admin");
        given(informationRequested(id, "Please send a photo of the defect", T0.plus(Duration.ofHours(1))), "reviewer");
        given(approved(id, "1200", T0.plus(Duration.ofHours(2))), "reviewer");
        given(payoutStarted(id, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1,
                T0.plus(Duration.ofDays(1))), "finance");
        given(payoutSucceeded(id, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT,
                T0.plus(Duration.ofHours(25))), "finance");
        given(rated(id, 4, T0.plus(Duration.ofDays(3))), "agent");

        StaffKpiFigures reviewer = dayOf("reviewer", MONDAY);
        assertThat(reviewer.handled()).isEqualTo(1);
        assertThat(reviewer.approved()).isEqualTo(1);
        assertThat(reviewer.approvalRate()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(reviewer.medianReviewSeconds()).as("assigned at 10:30, approved at 12:00").isEqualTo(bucketed(5400));
        assertThat(reviewer.informationRequests()).isEqualTo(1);
        assertThat(reviewer.medianEndToEndSeconds()).as("submitted to paid, in the approval's day").isEqualTo(bucketed(25 * 3600));
        assertThat(reviewer.averageRating()).isEqualTo(new BigDecimal("4.00"));
        assertThat(store.dayCell("2026-11-24", "reviewer")).as("payout day").isEmpty();
        assertThat(store.dayCell("2026-11-26", "reviewer")).as("rating day").isEmpty();
        assertThat(figuresOf("finance").handled()).as("starting a payout is no decision").isZero();
        assertThat(store.dayCell(MONDAY, "agent")).as("submitting and rating earn the agent nothing").isEmpty();
        assertThat(store.dayCell(MONDAY, "admin")).as("assigning earns the admin nothing").isEmpty();
    }

    @Test
    void a_rejection_later_resubmitted_counts_as_reopened_on_the_rejection_day_and_review_time_restarts() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(rejected(id, T0.plus(Duration.ofHours(1))), "reviewer2");
        String other = newApplicationId();
        given(submitted(other, newApplicationNumber(), "customer-2", "order-2", T0), "agent");
        given(rejected(other, T0.plus(Duration.ofHours(3))), "reviewer2");
        given(resubmitted(id, "1000", T0.plus(Duration.ofDays(2))), "agent");
        given(approved(id, "1000", T0.plus(Duration.ofDays(2)).plusSeconds(600)), "reviewer2");

        StaffKpiFigures monday = dayOf("reviewer2", MONDAY);
        assertThat(monday.rejected()).isEqualTo(2);
        assertThat(monday.reopened()).isEqualTo(1);
        assertThat(monday.reopenedRate()).isEqualTo(new BigDecimal("0.5000"));
        assertThat(monday.medianReviewSeconds()).as("never assigned: from the submission").isEqualTo(bucketed(3600));
        StaffKpiFigures wednesday = dayOf("reviewer2", "2026-11-25");
        assertThat(wednesday.approved()).isEqualTo(1);
        assertThat(wednesday.medianReviewSeconds()).as("from the resubmission").isEqualTo(bucketed(600));
        StaffKpiFigures week = figuresOf("reviewer2");
        assertThat(week.handled()).isEqualTo(3);
        assertThat(week.approvalRate()).isEqualTo(new BigDecimal("0.3333"));
    }

    @Test
    void a_second_approval_is_counted_apart_for_finance_and_payout_time_goes_to_the_first_approver() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(assigned(id, "reviewer", null, T0.plus(Duration.ofHours(1))), "reviewer");
        given(firstApproval(id, "8000", T0.plus(Duration.ofHours(3))), "reviewer");
        given(secondApproval(id, "8000", "reviewer", T0.plus(Duration.ofHours(5))), "finance");
        given(payoutStarted(id, "p-1", Money.of("8000", "CNY"), PayoutMethod.BANK_TRANSFER, 1, T0.plus(Duration.ofHours(6))), "finance");
        given(payoutSucceeded(id, "p-1", Money.of("8000", "CNY"), PayoutMethod.BANK_TRANSFER, T0.plus(Duration.ofHours(10))), "finance");

        StaffKpiFigures reviewer = dayOf("reviewer", MONDAY);
        assertThat(reviewer.handled()).isEqualTo(1);
        assertThat(reviewer.approved()).isEqualTo(1);
        assertThat(reviewer.medianReviewSeconds()).isEqualTo(bucketed(7200));
        assertThat(reviewer.medianEndToEndSeconds()).isEqualTo(bucketed(36_000));
        StaffKpiFigures finance = dayOf("finance", MONDAY);
        assertThat(finance.secondApprovals()).isEqualTo(1);
        assertThat(finance.handled()).isZero();
        assertThat(finance.approvalRate()).isNull();
        assertThat(finance.paidOut()).isZero();
    }

    @Test
    void a_second_stage_rejection_is_finances_and_a_resubmission_after_it_reopens_nobody() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(firstApproval(id, "8000", T0.plus(Duration.ofHours(1))), "reviewer");
        given(rejected(id, T0.plus(Duration.ofHours(2))), "finance");
        given(resubmitted(id, "6000", T0.plus(Duration.ofHours(4))), "agent");

        assertThat(dayOf("finance", MONDAY).secondRejections()).isEqualTo(1);
        assertThat(dayOf("finance", MONDAY).rejected()).isZero();
        assertThat(dayOf("reviewer", MONDAY).approved()).isEqualTo(1);
        assertThat(dayOf("reviewer", MONDAY).reopened()).isZero();
        assertThat(dayOf("finance", MONDAY).reopened()).isZero();
    }

    @Test
    void an_escalation_is_a_breach_of_whoever_held_the_application_and_the_system_earns_nothing() {
        String review = newApplicationId();
        given(submitted(review, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(assigned(review, "reviewer2", null, T0.plus(Duration.ofHours(1))), "admin");
        given(escalated(review, DeadlineKind.REVIEW, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)).plusSeconds(60)), "system");
        String unassigned = newApplicationId();
        given(submitted(unassigned, newApplicationNumber(), "customer-2", "order-2", T0), "agent");
        given(escalated(unassigned, DeadlineKind.REVIEW, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)).plusSeconds(60)), "system");
        String payout = newApplicationId();
        given(submitted(payout, newApplicationNumber(), "customer-3", "order-3", T0), "agent");
        given(approved(payout, "1200", T0.plus(Duration.ofHours(1))), "reviewer");
        given(escalated(payout, DeadlineKind.PAYOUT, T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(3))), "system");
        given(payoutStarted(payout, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plus(Duration.ofDays(4))), "finance");
        given(escalated(payout, DeadlineKind.PAYOUT, T0.plus(Duration.ofDays(4)), T0.plus(Duration.ofDays(5))), "system");

        assertThat(dayOf("reviewer2", "2026-11-24").slaBreaches()).as("assigned reviewer, on the escalation day").isEqualTo(1);
        assertThat(dayOf("reviewer", "2026-11-26").slaBreaches()).as("payout late, nobody started it: the approver").isEqualTo(1);
        assertThat(dayOf("finance", "2026-11-28").slaBreaches()).as("payout late after finance started it").isEqualTo(1);
        assertThat(figuresOf("reviewer2").slaBreaches()).isEqualTo(1);
        assertThat(store.dayCell("2026-11-24", "system")).isEmpty();
    }

    @Test
    void events_without_an_actor_or_by_the_system_credit_nobody() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        feed.deliver(++position, informationRequested(id, "Invoice?", T0.plusSeconds(60)));
        given(informationRequested(id, "Invoice?", T0.plusSeconds(120)), "system");

        assertThat(queries.answer(FindStaffKpis.of("2026-11-23", "2026-11-23", null, null, null, null, TODAY)).staff()).isEmpty();
    }

    @Test
    void a_decision_after_midnight_in_shanghai_counts_on_the_next_business_day() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(approved(id, "1200", Instant.parse("2026-11-23T16:30:00Z")), "reviewer");

        assertThat(store.dayCell(MONDAY, "reviewer")).isEmpty();
        assertThat(dayOf("reviewer", "2026-11-24").approved()).isEqualTo(1);
    }

    @Test
    void teams_fold_their_members_and_the_leaderboard_ranks_by_the_chosen_metric() {
        decide("reviewer", true, Duration.ofMinutes(10));
        decide("reviewer", true, Duration.ofMinutes(50));
        decide("reviewer", false, Duration.ofMinutes(20));
        decide("reviewer2", true, Duration.ofMinutes(5));
        decide("temp-worker", false, Duration.ofHours(2));

        StaffKpisView byHandled = queries.answer(FindStaffKpis.of(MONDAY, MONDAY, "total", null, "handled", null, TODAY));
        assertThat(byHandled.leaderboard()).extracting(LeaderboardEntry::rank, LeaderboardEntry::staffId)
                .containsExactly(tuple(1, "reviewer"), tuple(2, "reviewer2"), tuple(2, "temp-worker"));
        assertThat(byHandled.teams()).extracting(TeamRow::team, r -> r.figures().handled())
                .containsExactly(tuple("review-east", 3L), tuple("review-west", 1L), tuple("unassigned", 1L));

        StaffKpisView byReviewTime = queries.answer(FindStaffKpis.of(MONDAY, MONDAY, "total", null, "medianReviewTime", 2, TODAY));
        assertThat(byReviewTime.leaderboard()).extracting(LeaderboardEntry::staffId, LeaderboardEntry::value)
                .containsExactly(tuple("reviewer2", BigDecimal.valueOf(bucketed(300))), tuple("reviewer", BigDecimal.valueOf(bucketed(1200))));

        StaffKpisView east = queries.answer(FindStaffKpis.of(MONDAY, MONDAY, "total", "review-east", "approvalRate", null, TODAY));
        assertThat(east.staff()).extracting(r -> r.staffId()).containsExactly("reviewer");
        assertThat(east.leaderboard()).singleElement().extracting(LeaderboardEntry::value).isEqualTo(new BigDecimal("0.6667"));
    }

    @Test
    void a_credit_counts_in_the_day_week_and_month_cells_of_its_day_and_each_unit_lists_who_has_a_cell() {
        decide("reviewer", true, Duration.ofMinutes(10));
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(rejected(id, T0.plus(Duration.ofDays(8))), "reviewer"); // Tuesday 2026-12-01: another week and month

        assertThat(cell(Granularity.DAY, MONDAY).handled()).isEqualTo(1);
        assertThat(cell(Granularity.WEEK, MONDAY).handled()).isEqualTo(1);
        assertThat(cell(Granularity.MONTH, MONDAY).handled()).isEqualTo(1);
        assertThat(cell(Granularity.MONTH, MONDAY).reviewTimes()).isEqualTo(StaffKpiTotals.durations(600L));
        assertThat(cell(Granularity.WEEK, "2026-12-01").rejected()).isEqualTo(1);
        assertThat(cell(Granularity.MONTH, "2026-12-01").rejected()).isEqualTo(1);
        assertThat(database.getCollection(StaffKpiStore.WEEKS).find().into(new ArrayList<>()))
                .extracting(d -> d.getString("_id"), d -> d.getList("staffIds", String.class))
                .containsExactlyInAnyOrder(tuple("2026-W48", List.of("reviewer")), tuple("2026-W49", List.of("reviewer")));
        assertThat(database.getCollection(StaffKpiStore.MONTHS).find().into(new ArrayList<>()))
                .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("2026-11", "2026-12");
    }

    @Test
    void delivering_everything_again_changes_nothing() {
        aBusyDay();
        List<Document> before = everything();

        feed.redeliverAll();

        assertThat(everything()).isEqualTo(before);
        assertThat(dayOf("reviewer", MONDAY).handled()).isEqualTo(2);
    }

    @Test
    void cells_written_before_a_crash_are_not_counted_twice_when_the_events_come_again() {
        aBusyDay();
        List<Document> before = everything();
        // A crash after the cells were saved but before the application tracks were: the tracks are behind.
        database.getCollection(StaffKpiStore.APPLICATIONS).drop();

        feed.redeliverAll();

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void a_reset_and_replay_rebuilds_the_same_read_model() {
        aBusyDay();
        List<Document> live = everything();
        StaffKpisView liveAnswer = queries.answer(FindStaffKpis.of(MONDAY, "2026-11-30", "week", null, null, null, TODAY));

        feed.reset();
        assertThat(everything()).isEmpty();
        feed.redeliverAll();

        assertThat(everything()).isEqualTo(live);
        assertThat(queries.answer(FindStaffKpis.of(MONDAY, "2026-11-30", "week", null, null, null, TODAY))).isEqualTo(liveAnswer);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void aBusyDay() {
        String paid = newApplicationId();
        given(submitted(paid, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(assigned(paid, "reviewer", null, T0.plusSeconds(600)), "admin");
        given(approved(paid, "1200", T0.plusSeconds(3600)), "reviewer");
        given(payoutStarted(paid, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(7200)), "finance");
        given(payoutSucceeded(paid, "p-1", Money.of("1200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(9000)), "finance");
        given(rated(paid, 5, T0.plus(Duration.ofDays(1))), "agent");
        String reopened = newApplicationId();
        given(submitted(reopened, newApplicationNumber(), "customer-2", "order-2", T0), "agent");
        given(informationRequested(reopened, "Invoice?", T0.plusSeconds(300)), "reviewer");
        given(rejected(reopened, T0.plusSeconds(5000)), "reviewer");
        given(resubmitted(reopened, "900", T0.plus(Duration.ofDays(1))), "agent");
        given(escalated(reopened, DeadlineKind.REVIEW, T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(2))), "system");
        given(assigned(reopened, "reviewer2", null, T0.plus(Duration.ofDays(2))), "admin");
        given(firstApproval(reopened, "900", T0.plus(Duration.ofDays(2)).plusSeconds(60)), "reviewer2");
        given(secondApproval(reopened, "900", "reviewer2", T0.plus(Duration.ofDays(3))), "finance");
    }

    private void decide(String reviewer, boolean approve, Duration after) {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", T0), "agent");
        given(approve ? approved(id, "100", T0.plus(after)) : rejected(id, T0.plus(after)), reviewer);
    }

    private void given(Object event, String actor) {
        feed.deliver(++position, event, by(actor, "STAFF"));
    }

    /** The totals of reviewer's cell of that span holding {@code day}. */
    private StaffKpiTotals cell(Granularity span, String day) {
        return store.cell(new StaffCellKey(CellUnit.holding(span, LocalDate.parse(day)), "reviewer")).orElseThrow().totals();
    }

    private StaffKpiFigures dayOf(String staffId, String day) {
        return queries.answer(FindStaffMemberKpis.of(staffId, day, day, "DAY", TODAY)).total();
    }

    /** The staff member's figures over the test's week. */
    private StaffKpiFigures figuresOf(String staffId) {
        return queries.answer(FindStaffMemberKpis.of(staffId, MONDAY, "2026-11-30", "TOTAL", TODAY)).total();
    }

    private List<Document> everything() {
        List<Document> documents = new ArrayList<>();
        for (String collection : StaffKpiStore.FLUSH_ORDER) {
            database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(documents);
        }
        return documents;
    }
}
