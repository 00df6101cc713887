package io.refundledger.query.analytics.cancellation;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.CancellationGroupView;
import io.refundledger.query.refund.EventFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.refundledger.query.analytics.SubscriptionEvents.SHANGHAI;
import static io.refundledger.query.analytics.SubscriptionEvents.refused;
import static io.refundledger.query.analytics.SubscriptionEvents.requested;
import static io.refundledger.query.analytics.SubscriptionEvents.revoked;
import static io.refundledger.query.analytics.SubscriptionEvents.settlementPaid;
import static io.refundledger.query.analytics.SubscriptionEvents.started;
import static io.refundledger.query.analytics.SubscriptionEvents.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/** Subscription events folded into per-day cancellation cells: requests, refusals, revocations, terminations and refunds. */
class CancellationAnalyticsProjectionTest {

    /** 2026-11-23 10:15 in Shanghai. */
    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final long DAY = 86_400;
    private static final Map<String, String> ONLINE = Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE");

    private CancellationAnalyticsStore store;
    private AnalyticsFeed feed;

    @BeforeEach
    void emptyReadModel() {
        store = new CancellationAnalyticsStore(EventFeed.freshDatabase());
        feed = new AnalyticsFeed(new CancellationAnalyticsProjection(store, SHANGHAI));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private CancellationTotals cell(String day, CancellationReason reason, String plan, String product, String segment,
                                    CancellationEffect effect, String channel) {
        CancellationCellKey key = new CancellationCellKey(day, reason.name(), plan, product, segment, effect.name(), channel);
        return store.findCell(key.id()).orElseThrow(() -> new AssertionError("no cell " + key.id())).totals();
    }

    @Test
    void a_request_counts_on_its_business_day_with_the_plan_product_and_segment_of_its_subscription() {
        String subscription = newId();
        feed.deliver(started(subscription, "SMB", "PRO-ANNUAL", "CRM-PRO"));
        // 00:30 on the 24th in Shanghai.
        feed.deliver(requested(subscription, newId(), CancellationReason.PRICE, CancellationEffect.IMMEDIATELY,
                Instant.parse("2026-11-23T16:30:00Z")), ONLINE);

        CancellationTotals totals = cell("2026-11-24", CancellationReason.PRICE, "PRO-ANNUAL", "CRM-PRO", "SMB",
                CancellationEffect.IMMEDIATELY, "ONLINE");
        assertThat(totals.requested()).isEqualTo(1);
        assertThat(totals.open()).isEqualTo(1);
        assertThat(store.cellsOn(List.of(LocalDate.parse("2026-11-24")))).hasSize(1);
    }

    @Test
    void termination_brings_the_net_refund_and_the_days_since_the_request_and_payment_the_amount_paid() {
        String subscription = newId();
        String cancellation = newId();
        feed.deliver(started(subscription, "SMB", "PRO-ANNUAL", "CRM-PRO"));
        feed.deliver(requested(subscription, cancellation, CancellationReason.SWITCHED_PROVIDER,
                CancellationEffect.IMMEDIATELY, T0), ONLINE);
        feed.deliver(terminated(subscription, cancellation, Money.of("3200", "CNY"), T0.plusSeconds(DAY)));
        feed.deliver(new SettlementStatusChanged(subscription, cancellation, "refund-1", SettlementStatus.REFUND_APPROVED,
                Money.of("3200", "CNY"), T0.plusSeconds(2 * DAY)));
        feed.deliver(settlementPaid(subscription, cancellation, Money.of("3200", "CNY"), T0.plusSeconds(3 * DAY)));

        CancellationTotals totals = cell("2026-11-23", CancellationReason.SWITCHED_PROVIDER, "PRO-ANNUAL", "CRM-PRO", "SMB",
                CancellationEffect.IMMEDIATELY, "ONLINE");
        assertThat(totals.requested()).isEqualTo(1);
        assertThat(totals.terminated()).isEqualTo(1);
        assertThat(totals.open()).isZero();
        assertThat(totals.netRefund().asStrings()).isEqualTo(Map.of("CNY", "3200.00"));
        assertThat(totals.refundPaid().asStrings()).isEqualTo(Map.of("CNY", "3200.00"));
        assertThat(totals.averageDaysToTermination()).isEqualByComparingTo("1");
        assertThat(totals.p90DaysToTermination()).isEqualTo(1L);
    }

    @Test
    void a_revoked_request_stays_counted_as_requested_and_a_refusal_is_never_a_request() {
        String subscription = newId();
        String cancellation = newId();
        feed.deliver(started(subscription, "ENTERPRISE", "ENT-ANNUAL", "CRM-ENT"));
        feed.deliver(refused(subscription, CancellationReason.CONTRACT_TERMS, T0), ONLINE);
        feed.deliver(requested(subscription, cancellation, CancellationReason.CONTRACT_TERMS, CancellationEffect.END_OF_TERM,
                T0.plusSeconds(60)), ONLINE);
        feed.deliver(revoked(subscription, cancellation, T0.plusSeconds(DAY)));

        CancellationTotals totals = cell("2026-11-23", CancellationReason.CONTRACT_TERMS, "ENT-ANNUAL", "CRM-ENT",
                "ENTERPRISE", CancellationEffect.END_OF_TERM, "ONLINE");
        assertThat(totals.refused()).isEqualTo(1);
        assertThat(totals.requested()).isEqualTo(1);
        assertThat(totals.revoked()).isEqualTo(1);
        assertThat(totals.open()).isZero();
        assertThat(totals.terminated()).isZero();
        assertThat(totals.averageDaysToTermination()).isNull();
    }

    @Test
    void delivering_every_event_again_changes_nothing() {
        history();
        List<CancellationCell> before = sorted(store.allCells());

        feed.redeliverAll();

        assertThat(sorted(store.allCells())).isEqualTo(before);
    }

    @Test
    void a_reset_and_replay_rebuilds_exactly_the_live_cells() {
        history();
        List<CancellationCell> live = sorted(store.allCells());
        CancellationReasonBreakdownView liveAnswer = monthByEffect();

        feed.resetAndReplay();

        assertThat(sorted(store.allCells())).isEqualTo(live);
        assertThat(monthByEffect()).isEqualTo(liveAnswer);
    }

    @Test
    void a_breakdown_by_effect_counts_requests_refusals_and_net_refunds() {
        history();

        CancellationReasonBreakdownView view = monthByEffect();

        assertThat(view.totals().requested()).isEqualTo(3);
        assertThat(view.totals().refused()).isEqualTo(1);
        assertThat(view.totals().terminated()).isEqualTo(2);
        assertThat(view.totals().revoked()).isEqualTo(1);
        assertThat(view.totals().netRefund()).isEqualTo(Map.of("CNY", "3200.00", "USD", "0.50"));
        assertThat(view.totals().daysToTermination().averageDays()).isEqualByComparingTo("19.5"); // 1 and 38 days
        assertThat(view.totals().daysToTermination().p90Days()).isEqualTo(38L);
        assertThat(view.groups()).extracting(CancellationGroupView::key).containsExactly("IMMEDIATELY", "END_OF_TERM");
        assertThat(view.groups().get(0).figures().shareOfTotal().requested()).isEqualByComparingTo("0.6667");
        assertThat(view.trend()).extracting(p -> p.period() + "=" + p.totals().requested())
                .containsExactly("2026-11=2", "2026-12=1");
        assertThat(view.topProducts().byRequests()).extracting(CancellationReasonBreakdownView.ProductRankView::productId)
                .containsExactly("CRM-PRO", "CRM-ENT");
        assertThat(view.topProducts().byNetRefund()).containsOnlyKeys("CNY", "USD");
    }

    private CancellationReasonBreakdownView monthByEffect() {
        return new CancellationAnalyticsQueries(store, SHANGHAI).answer(new FindCancellationReasonBreakdown(
                new AnalyticsRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"), Granularity.MONTH),
                CancellationGroupBy.EFFECT, CancellationFilters.NONE, 5));
    }

    /** Three subscriptions: one terminated at once with a refund, one refused then revoked, one terminated at term end. */
    private void history() {
        String pro = newId();
        String ent = newId();
        String usd = newId();
        String proCancellation = newId();
        String entCancellation = newId();
        String usdCancellation = newId();
        feed.deliver(started(pro, "SMB", "PRO-ANNUAL", "CRM-PRO"));
        feed.deliver(started(ent, "ENTERPRISE", "ENT-ANNUAL", "CRM-ENT"));
        feed.deliver(started(usd, "SMB", "PRO-MONTHLY", "CRM-PRO"));
        feed.deliver(requested(pro, proCancellation, CancellationReason.PRICE, CancellationEffect.IMMEDIATELY, T0), ONLINE);
        feed.deliver(refused(ent, CancellationReason.CONTRACT_TERMS, T0.plusSeconds(DAY)));
        feed.deliver(requested(ent, entCancellation, CancellationReason.CONTRACT_TERMS, CancellationEffect.END_OF_TERM,
                T0.plusSeconds(2 * DAY)));
        feed.deliver(terminated(pro, proCancellation, Money.of("3200", "CNY"), T0.plusSeconds(DAY)));
        feed.deliver(revoked(ent, entCancellation, T0.plusSeconds(3 * DAY)));
        feed.deliver(requested(usd, usdCancellation, CancellationReason.SYSTEM_PERFORMANCE, CancellationEffect.IMMEDIATELY,
                T0.plusSeconds(10 * DAY)), ONLINE);
        feed.deliver(terminated(usd, usdCancellation, Money.of("0.50", "USD"), T0.plusSeconds(48 * DAY)));
        feed.deliver(settlementPaid(pro, proCancellation, Money.of("3200", "CNY"), T0.plusSeconds(5 * DAY)));
    }

    private static List<CancellationCell> sorted(List<CancellationCell> cells) {
        return cells.stream().sorted(Comparator.comparing(cell -> cell.key().id())).toList();
    }
}
