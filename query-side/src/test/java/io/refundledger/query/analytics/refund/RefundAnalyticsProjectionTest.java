package io.refundledger.query.analytics.refund;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundGroupView;
import io.refundledger.query.refund.EventFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.replacementShipped;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refund events folded into per-day cells: where each application counts, how its figures move, and that nothing is counted twice. */
class RefundAnalyticsProjectionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-11-23 10:15 in Shanghai. */
    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final Map<String, String> ONLINE = Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE");
    private static final Map<String, String> OFFLINE = Map.of(MetadataKeys.CUSTOMER_CHANNEL, "OFFLINE");

    private RefundAnalyticsStore store;
    private AnalyticsFeed feed;

    @BeforeEach
    void emptyReadModel() {
        MongoDatabase database = EventFeed.freshDatabase();
        store = new RefundAnalyticsStore(database);
        feed = new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI));
    }

    static RefundApplicationSubmitted submitted(String id, RefundReasonCategory reason, String productId, String segment,
                                                Money requested, Instant at) {
        return submitted(id, RefundType.REFUND_ONLY, reason, productId, segment, requested, at);
    }

    static RefundApplicationSubmitted submitted(String id, RefundType type, RefundReasonCategory reason, String productId,
                                                String segment, Money requested, Instant at) {
        return new RefundApplicationSubmitted(id, "RF-" + id.substring(0, 8), "C-1", "SO-" + id.substring(0, 8), type,
                requested, requested, reason, "why", PayoutMethod.ORIGINAL_PAYMENT, at.minusSeconds(86_400), at, null,
                ProductUsage.NOT_STATED, null, null, null, productId, segment, null);
    }

    private RefundCell cell(String day, RefundReasonCategory reason, String product, String segment, String channel) {
        RefundCellKey key = new RefundCellKey(day, reason.name(), product, segment, channel);
        return store.findCell(key.id()).orElseThrow(() -> new AssertionError("no cell " + key.id()));
    }

    @Test
    void an_application_counts_on_its_business_day_with_its_reason_product_segment_and_channel() {
        String id = newApplicationId();
        // 01:30 on the 24th in Shanghai, still the 23rd in UTC.
        long position = feed.deliver(submitted(id, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB",
                Money.of("1200", "CNY"), Instant.parse("2026-11-23T17:30:00Z")), ONLINE);

        RefundCell cell = cell("2026-11-24", RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", "ONLINE");
        assertThat(cell.totals().applications()).isEqualTo(1);
        assertThat(cell.totals().open()).isEqualTo(1);
        assertThat(cell.totals().requested().asStrings()).isEqualTo(Map.of("CNY", "1200.00"));
        assertThat(cell.lastAppliedPosition()).isEqualTo(position);
        assertThat(store.cellsOn(List.of(LocalDate.parse("2026-11-24")))).extracting(c -> c.key().id())
                .containsExactly("2026-11-24|PRODUCT_QUALITY|CRM-PRO|SMB|ONLINE");
        assertThat(store.cellsOn(List.of(LocalDate.parse("2026-11-23")))).isEmpty();
    }

    @Test
    void what_the_application_did_not_state_counts_as_unknown() {
        feed.deliver(submitted(newApplicationId(), RefundReasonCategory.OTHER, null, " ", Money.of("10", "CNY"), T0),
                Map.of(MetadataKeys.CUSTOMER_CHANNEL, "carrier pigeon"));
        feed.deliver(submitted(newApplicationId(), RefundReasonCategory.OTHER, null, null, Money.of("10", "CNY"), T0));

        assertThat(cell("2026-11-23", RefundReasonCategory.OTHER, "UNKNOWN", "UNKNOWN", "UNKNOWN").totals().applications())
                .isEqualTo(2);
    }

    @Test
    void approval_and_payout_add_the_amounts_and_the_time_to_resolution() {
        String id = newApplicationId();
        feed.deliver(submitted(id, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("1200", "CNY"), T0), ONLINE);
        feed.deliver(firstApproval(id, "1000", T0.plusSeconds(3_600)));
        feed.deliver(approved(id, "1000", T0.plusSeconds(7_200)));
        feed.deliver(payoutStarted(id, "p-1", Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(8_000)));
        feed.deliver(payoutFailed(id, "p-1", "bank offline", T0.plusSeconds(9_000)));
        feed.deliver(payoutStarted(id, "p-2", Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 2, T0.plusSeconds(10_000)));
        feed.deliver(payoutSucceeded(id, "p-2", Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(172_800)));

        RefundTotals totals = cell("2026-11-23", RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", "ONLINE").totals();
        assertThat(totals.applications()).isEqualTo(1);
        assertThat(totals.approved()).isEqualTo(1);
        assertThat(totals.approvalRate()).isEqualByComparingTo("1");
        assertThat(totals.approvedAmounts().asStrings()).isEqualTo(Map.of("CNY", "1000.00"));
        assertThat(totals.paid().asStrings()).isEqualTo(Map.of("CNY", "1000.00"));
        assertThat(totals.resolved()).isEqualTo(1);
        assertThat(totals.averageResolutionSeconds()).isEqualTo(172_800);
        assertThat(totals.p90ResolutionSeconds()).isBetween(171_072L, 174_528L); // within 1 %
    }

    @Test
    void a_resubmission_with_another_reason_moves_the_application_but_keeps_its_period() {
        String id = newApplicationId();
        feed.deliver(submitted(id, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("1200", "CNY"), T0), OFFLINE);
        feed.deliver(rejected(id, T0.plusSeconds(3_600)));

        RefundTotals rejectedOnce = cell("2026-11-23", RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", "OFFLINE").totals();
        assertThat(rejectedOnce.rejected()).isEqualTo(1);
        assertThat(rejectedOnce.approvalRate()).isEqualByComparingTo("0");
        assertThat(rejectedOnce.averageResolutionSeconds()).isEqualTo(3_600);

        // A week later, amended: damaged in transit, for less.
        feed.deliver(new RefundApplicationResubmitted(id, Money.of("900", "CNY"), RefundReasonCategory.DAMAGED_IN_TRANSIT,
                "Box arrived crushed", "Added courier photos", T0.plusSeconds(7 * 86_400)));

        assertThat(cell("2026-11-23", RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", "OFFLINE").totals())
                .isEqualTo(RefundTotals.NONE);
        RefundTotals moved = cell("2026-11-23", RefundReasonCategory.DAMAGED_IN_TRANSIT, "CRM-PRO", "SMB", "OFFLINE").totals();
        assertThat(moved.applications()).isEqualTo(1);
        assertThat(moved.open()).isEqualTo(1);
        assertThat(moved.rejected()).isZero();
        assertThat(moved.resolved()).isZero();
        assertThat(moved.requested().asStrings()).isEqualTo(Map.of("CNY", "900.00"));
        assertThat(store.cellsOn(List.of(LocalDate.parse("2026-11-23")))).hasSize(2);
    }

    @Test
    void rejected_then_resubmitted_then_approved_is_one_approved_application_resolved_when_paid() {
        String id = newApplicationId();
        feed.deliver(submitted(id, RefundReasonCategory.WRONG_ITEM, "CRM-PRO", "SMB", Money.of("500", "CNY"), T0), ONLINE);
        feed.deliver(rejected(id, T0.plusSeconds(600)));
        feed.deliver(new RefundApplicationResubmitted(id, Money.of("450", "CNY"), RefundReasonCategory.WRONG_ITEM,
                "Sent the wrong colour", "Photo attached", T0.plusSeconds(1_200)));
        feed.deliver(approved(id, "450", T0.plusSeconds(1_800)));

        RefundTotals approvedNow = cell("2026-11-23", RefundReasonCategory.WRONG_ITEM, "CRM-PRO", "SMB", "ONLINE").totals();
        assertThat(approvedNow.applications()).isEqualTo(1);
        assertThat(approvedNow.approved()).isEqualTo(1);
        assertThat(approvedNow.rejected()).isZero();
        assertThat(approvedNow.decided()).isEqualTo(1);
        assertThat(approvedNow.approvalRate()).isEqualByComparingTo("1");
        assertThat(approvedNow.requested().asStrings()).isEqualTo(Map.of("CNY", "450.00"));
        assertThat(approvedNow.approvedAmounts().asStrings()).isEqualTo(Map.of("CNY", "450.00"));
        assertThat(approvedNow.resolved()).as("approval alone resolves nothing").isZero();

        feed.deliver(payoutSucceeded(id, "p-1", Money.of("450", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(3_600)));

        RefundTotals paid = cell("2026-11-23", RefundReasonCategory.WRONG_ITEM, "CRM-PRO", "SMB", "ONLINE").totals();
        assertThat(paid.averageResolutionSeconds()).as("from the first submission").isEqualTo(3_600);
    }

    @Test
    void a_withdrawal_takes_back_the_approval_and_resolves_the_application() {
        String id = newApplicationId();
        feed.deliver(submitted(id, RefundReasonCategory.BUSINESS_CHANGE, "CRM-PRO", "SMB", Money.of("300", "CNY"), T0), ONLINE);
        feed.deliver(approved(id, "300", T0.plusSeconds(60)));
        feed.deliver(withdrawn(id, T0.plusSeconds(120)));

        RefundTotals totals = cell("2026-11-23", RefundReasonCategory.BUSINESS_CHANGE, "CRM-PRO", "SMB", "ONLINE").totals();
        assertThat(totals.withdrawn()).isEqualTo(1);
        assertThat(totals.approved()).isZero();
        assertThat(totals.approvedAmounts().isEmpty()).isTrue();
        assertThat(totals.approvalRate()).isEqualByComparingTo("0");
        assertThat(totals.averageResolutionSeconds()).isEqualTo(120);
    }

    @Test
    void an_inspection_lowers_the_approved_amount_and_an_exchange_resolves_when_the_replacement_ships() {
        String ret = newApplicationId();
        String exchange = newApplicationId();
        feed.deliver(submitted(ret, RefundType.RETURN_AND_REFUND, RefundReasonCategory.DAMAGED_IN_TRANSIT, "PHONE-X", "B2C",
                Money.of("1000", "CNY"), T0), ONLINE);
        feed.deliver(submitted(exchange, RefundType.EXCHANGE, RefundReasonCategory.DAMAGED_IN_TRANSIT, "PHONE-X", "B2C",
                Money.of("800", "CNY"), T0), ONLINE);
        feed.deliver(approved(ret, "1000", T0.plusSeconds(60)));
        feed.deliver(returnAuthorized(ret, T0.plusSeconds(60)));
        feed.deliver(returnReceived(ret, T0.plusSeconds(600)));
        feed.deliver(inspected(ret, InspectionOutcome.FAILED, Money.of("400", "CNY"), T0.plusSeconds(700)));
        feed.deliver(approved(exchange, "800", T0.plusSeconds(60)));
        feed.deliver(inspected(exchange, InspectionOutcome.PASSED, null, T0.plusSeconds(500)));
        feed.deliver(replacementShipped(exchange, T0.plusSeconds(900)));

        RefundTotals totals = cell("2026-11-23", RefundReasonCategory.DAMAGED_IN_TRANSIT, "PHONE-X", "B2C", "ONLINE").totals();
        assertThat(totals.applications()).isEqualTo(2);
        assertThat(totals.approved()).isEqualTo(2);
        assertThat(totals.approvedAmounts().asStrings()).isEqualTo(Map.of("CNY", "1200.00"));
        assertThat(totals.resolved()).isEqualTo(1);
        assertThat(totals.averageResolutionSeconds()).isEqualTo(900);
    }

    @Test
    void amounts_in_different_currencies_are_summed_apart() {
        feed.deliver(submitted(newApplicationId(), RefundReasonCategory.PRICE_CHANGE, "CRM-PRO", "ENTERPRISE",
                Money.of("100", "USD"), T0), ONLINE);
        feed.deliver(submitted(newApplicationId(), RefundReasonCategory.PRICE_CHANGE, "CRM-PRO", "ENTERPRISE",
                Money.of("700", "CNY"), T0), ONLINE);
        feed.deliver(submitted(newApplicationId(), RefundReasonCategory.PRICE_CHANGE, "CRM-PRO", "ENTERPRISE",
                Money.of("25.50", "USD"), T0), ONLINE);

        assertThat(cell("2026-11-23", RefundReasonCategory.PRICE_CHANGE, "CRM-PRO", "ENTERPRISE", "ONLINE").totals()
                .requested().asStrings()).isEqualTo(Map.of("CNY", "700.00", "USD", "125.50"));
    }

    @Test
    void delivering_every_event_again_changes_nothing() {
        history();
        List<RefundCell> before = sorted(store.allCells());

        feed.redeliverAll();

        assertThat(sorted(store.allCells())).isEqualTo(before);
    }

    @Test
    void a_reset_and_replay_rebuilds_exactly_the_live_cells() {
        history();
        List<RefundCell> live = sorted(store.allCells());
        RefundReasonBreakdownView liveAnswer = weekByReason();

        feed.resetAndReplay();

        assertThat(sorted(store.allCells())).isEqualTo(live);
        assertThat(weekByReason()).isEqualTo(liveAnswer);
    }

    @Test
    void a_crash_between_two_cell_writes_is_repaired_by_delivering_the_event_again() {
        String id = newApplicationId();
        RefundApplicationResubmitted resubmitted = new RefundApplicationResubmitted(id, Money.of("900", "CNY"),
                RefundReasonCategory.DAMAGED_IN_TRANSIT, "crushed", "photos", T0.plusSeconds(120));
        feed.deliver(submitted(id, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("1200", "CNY"), T0), ONLINE);
        feed.deliver(rejected(id, T0.plusSeconds(60)));
        feed.deliver(resubmitted);
        CrashingStore crashing = new CrashingStore(EventFeed.freshDatabase());
        AnalyticsFeed crashingFeed = new AnalyticsFeed(new RefundAnalyticsProjection(crashing, SHANGHAI));
        crashingFeed.deliver(submitted(id, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("1200", "CNY"), T0), ONLINE);
        crashingFeed.deliver(rejected(id, T0.plusSeconds(60)));

        // The resubmission moves the application: out of the old cell (written), into the new one (crash).
        crashing.crashOnCellSave = 2;
        assertThatThrownBy(() -> crashingFeed.deliver(resubmitted)).hasRootCauseMessage("simulated crash");
        assertThat(sorted(crashing.allCells())).isNotEqualTo(sorted(store.allCells()));

        crashingFeed.redeliverAll();

        assertThat(sorted(crashing.allCells())).isEqualTo(sorted(store.allCells()));
        assertThat(crashing.findApplication(id)).isEqualTo(store.findApplication(id));
    }

    private static final class CrashingStore extends RefundAnalyticsStore {
        /** Which of the coming cell saves fails; 0 for none. */
        int crashOnCellSave;

        CrashingStore(MongoDatabase database) {
            super(database);
        }

        @Override
        public void saveCell(Granularity span, RefundCell cell) {
            if (crashOnCellSave > 0 && --crashOnCellSave == 0) {
                throw new IllegalStateException("simulated crash");
            }
            super.saveCell(span, cell);
        }
    }

    private RefundReasonBreakdownView weekByReason() {
        return new RefundAnalyticsQueries(store, SHANGHAI).answer(new FindRefundReasonBreakdown(
                new AnalyticsRange(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-12-06"), Granularity.WEEK),
                RefundGroupBy.REASON, RefundFilters.NONE, 5));
    }

    @Test
    void a_breakdown_folds_the_days_into_weeks_groups_and_top_products() {
        history();

        RefundReasonBreakdownView view = weekByReason();

        assertThat(view.totals().applications()).isEqualTo(4);
        assertThat(view.groups()).extracting(RefundGroupView::key)
                .containsExactly("DAMAGED_IN_TRANSIT", "PRODUCT_QUALITY", "WRONG_ITEM");
        assertThat(view.groups().get(0).figures().shareOfTotal().applications()).isEqualByComparingTo("0.5");
        assertThat(view.trend()).extracting(RefundReasonBreakdownView.RefundPeriodView::period)
                .containsExactly("2026-W48", "2026-W49");
        assertThat(view.trend().get(0).totals().applications()).isEqualTo(3);
        assertThat(view.trend().get(1).totals().applications()).isEqualTo(1);
        assertThat(view.topProducts().byApplications()).extracting(RefundReasonBreakdownView.ProductRankView::productId)
                .containsExactly("CRM-PRO", "PHONE-X");
    }

    /** Four applications over two weeks, with a resubmission that changes the reason, payouts and a rejection. */
    private void history() {
        String a = newApplicationId();
        String b = newApplicationId();
        String c = newApplicationId();
        String d = newApplicationId();
        feed.deliver(submitted(a, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("1200", "CNY"), T0), ONLINE);
        feed.deliver(submitted(b, RefundReasonCategory.PRODUCT_QUALITY, "CRM-PRO", "SMB", Money.of("300", "CNY"), T0.plusSeconds(60)), ONLINE);
        feed.deliver(submitted(c, RefundReasonCategory.WRONG_ITEM, "PHONE-X", "B2C", Money.of("80", "USD"), T0.plusSeconds(86_400)), OFFLINE);
        feed.deliver(approved(a, "1000", T0.plusSeconds(3_600)));
        feed.deliver(rejected(b, T0.plusSeconds(4_000)));
        feed.deliver(new RefundApplicationResubmitted(b, Money.of("250", "CNY"), RefundReasonCategory.DAMAGED_IN_TRANSIT,
                "crushed", "photos", T0.plusSeconds(5_000)));
        feed.deliver(payoutSucceeded(a, "p-a", Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(90_000)));
        feed.deliver(submitted(d, RefundReasonCategory.DAMAGED_IN_TRANSIT, "CRM-PRO", "SMB", Money.of("40", "CNY"),
                T0.plusSeconds(8 * 86_400)), ONLINE);
        feed.deliver(approved(b, "250", T0.plusSeconds(9 * 86_400)));
        feed.deliver(withdrawn(c, T0.plusSeconds(9 * 86_400)));
    }

    private static List<RefundCell> sorted(List<RefundCell> cells) {
        return cells.stream().sorted(Comparator.comparing(cell -> cell.key().id())).toList();
    }
}
