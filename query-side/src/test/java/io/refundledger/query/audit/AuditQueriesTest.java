package io.refundledger.query.audit;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.infrastructure.audit.LogDigests;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.RuleResultView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The contested refund: a customer disputes a refund long after it was paid, and an auditor rebuilds what the
 * reviewer saw when approving it, what changed afterwards, and exports the dossier.
 */
class AuditQueriesTest {

    static final Instant NOW = Instant.parse("2026-12-20T08:00:00Z");

    private AuditHistoryStore store;
    private AuditQueries queries;
    private final ContestedRefund refund = new ContestedRefund(201);

    /** Queries over a store, with a fixed clock and no log digests (they need the event store). */
    static AuditQueries queriesOver(AuditHistoryStore store) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        return new AuditQueries(store, Duration.ofDays(3), beans.getBeanProvider(LogDigests.class),
                beans.getBeanProvider(Clock.class));
    }

    @BeforeEach
    void feedTheContestedRefund() {
        store = new AuditHistoryStore(EventFeed.freshDatabase());
        HistoryFeed feed = new HistoryFeed(new AuditHistoryProjection(store));
        refund.feed(feed);
        refund.reserve(feed);
        queries = queriesOver(store);
    }

    @Test
    void at_the_moment_of_approval_the_state_shows_exactly_the_policy_evaluation_the_reviewer_saw() {
        RefundStateView atApproval = queries.stateAt(refund.id, PointInLog.position(refund.positionOf("approved")));

        RefundProgressView state = atApproval.state();
        assertThat(atApproval.lastAppliedPosition()).isEqualTo(refund.positionOf("approved"));
        assertThat(atApproval.eventsApplied()).isEqualTo(6);
        assertThat(state.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(state.approvedAmount()).isEqualTo(new MoneyView("1000.00", "CNY"));
        assertThat(state.requestedAmount()).isEqualTo(new MoneyView("1299.00", "CNY"));
        assertThat(state.paidAmount()).isEqualTo(new MoneyView("1299.00", "CNY"));
        assertThat(state.policyEvaluation().policyVersion()).isEqualTo("2026-11");
        assertThat(state.policyEvaluation().eligibleAmount()).isEqualTo(new MoneyView("1199.00", "CNY"));
        assertThat(state.policyEvaluation().rules()).containsExactly(
                new RuleResultView("REFUND_WINDOW", true, "22 of 30 days"),
                new RuleResultView("DISCOUNT_CLAWBACK", true, "discount of 100.00 received"));
        assertThat(state.policyEvaluation().deductions()).singleElement()
                .satisfies(d -> assertThat(d.amount()).isEqualTo(new MoneyView("100.00", "CNY")));
        assertThat(state.informationRequests()).singleElement()
                .satisfies(r -> assertThat(r.answer()).isEqualTo(ContestedRefund.ANSWER));
        assertThat(state.payouts()).as("nothing paid yet").isEmpty();
        assertThat(state.timeline()).extracting(RefundProgressView.TimelineStep::actor).last().isEqualTo("reviewer");
    }

    @Test
    void the_state_as_of_an_instant_includes_every_event_recorded_by_then() {
        Instant justAfterApproval = refund.recordedAt(4).plusSeconds(1);

        RefundStateView byInstant = queries.stateAt(refund.id, PointInLog.at(justAfterApproval));
        RefundStateView byPosition = queries.stateAt(refund.id, PointInLog.position(refund.positionOf("notifiedApproved")));

        assertThat(byInstant.state()).isEqualTo(byPosition.state());
        assertThat(byInstant.asOf()).isEqualTo(justAfterApproval);
        assertThat(byInstant.lastEventAt()).isEqualTo(refund.recordedAt(4));
        assertThat(byInstant.state().notifications()).hasSize(1);
    }

    @Test
    void before_the_submission_there_is_no_state() {
        RefundStateView before = queries.stateAt(refund.id, PointInLog.at(ContestedRefund.T0.minusSeconds(1)));

        assertThat(before.state()).isNull();
        assertThat(before.eventsApplied()).isZero();
    }

    @Test
    void the_full_replay_ends_where_the_live_view_ends() {
        RefundProgressView now = queries.stateAt(refund.id, PointInLog.position(refund.last())).state();

        assertThat(now.status()).isEqualTo(RefundStatus.PAID);
        assertThat(now.payouts()).extracting(p -> p.payoutId(), p -> p.state(), p -> p.failureReason()).containsExactly(
                tuple("P-1", PayoutState.FAILED, "Card account closed"), tuple("P-2", PayoutState.SUCCEEDED, null));
        assertThat(now.rating().rating()).isEqualTo(2);
        assertThat(now.lastAppliedPosition()).as("the order-ledger event is not part of the application")
                .isEqualTo(refund.positionOf("rated"));
    }

    @Test
    void changes_between_approval_and_payment_list_the_fields_that_differ_and_the_events_in_between() {
        RefundChangesView changes = queries.changes(refund.id, PointInLog.position(refund.positionOf("approved")),
                PointInLog.position(refund.positionOf("paid")));

        assertThat(changes.from().state().status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(changes.to().state().status()).isEqualTo(RefundStatus.PAID);
        assertThat(changes.changedFields()).contains("status", "returnShipment", "inspection", "payouts", "notifications",
                "timeline", "lastUpdatedAt").doesNotContain("approvedAmount", "policyEvaluation", "paidAmount",
                "lastAppliedPosition");
        assertThat(changes.events()).extracting(AuditEntry::eventType).containsExactly("CustomerNotificationRequested",
                "ReturnAuthorized", "ReturnShipped", "ReturnReceived", "ReturnInspected", "PayoutStarted", "PayoutFailed",
                "PayoutStarted", "PayoutSucceeded");
    }

    @Test
    void changes_accept_instants_and_refuse_a_range_that_runs_backwards() {
        RefundChangesView changes = queries.changes(refund.id, PointInLog.at(refund.recordedAt(0)),
                PointInLog.at(refund.recordedAt(1)));
        assertThat(changes.events()).extracting(AuditEntry::eventType).containsExactly("RefundApplicationAssigned");
        assertThat(changes.changedFields()).contains("assignedReviewer", "currentOwner");

        assertThatThrownBy(() -> queries.changes(refund.id, PointInLog.position(refund.positionOf("paid")),
                PointInLog.position(refund.positionOf("approved"))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RANGE"));
    }

    @Test
    void the_dossier_holds_transitions_evaluations_decisions_notifications_payouts_and_the_order_ledger() {
        DisputeDossier dossier = queries.dossier(refund.id, "auditor");

        assertThat(dossier.applicationNumber()).isEqualTo(refund.number);
        assertThat(dossier.customerId()).isEqualTo(ContestedRefund.CUSTOMER);
        assertThat(dossier.generatedAt()).isEqualTo(NOW);
        assertThat(dossier.generatedBy()).isEqualTo("auditor");
        assertThat(dossier.currentState().status()).isEqualTo(RefundStatus.PAID);
        assertThat(dossier.statusTransitions()).extracting(StatusTransition::from, StatusTransition::to, StatusTransition::actor)
                .containsExactly(
                        tuple(null, RefundStatus.SUBMITTED, "agent"),
                        tuple(RefundStatus.SUBMITTED, RefundStatus.AWAITING_INFORMATION, "reviewer"),
                        tuple(RefundStatus.AWAITING_INFORMATION, RefundStatus.SUBMITTED, "agent"),
                        tuple(RefundStatus.SUBMITTED, RefundStatus.APPROVED, "reviewer"),
                        tuple(RefundStatus.APPROVED, RefundStatus.AWAITING_RETURN, "reviewer"),
                        tuple(RefundStatus.AWAITING_RETURN, RefundStatus.RETURN_IN_TRANSIT, "agent"),
                        tuple(RefundStatus.RETURN_IN_TRANSIT, RefundStatus.RETURN_RECEIVED, "reviewer"),
                        tuple(RefundStatus.RETURN_RECEIVED, RefundStatus.PAYOUT_IN_PROGRESS, "finance"),
                        tuple(RefundStatus.PAYOUT_IN_PROGRESS, RefundStatus.PAYOUT_FAILED, null),
                        tuple(RefundStatus.PAYOUT_FAILED, RefundStatus.PAYOUT_IN_PROGRESS, "finance"),
                        tuple(RefundStatus.PAYOUT_IN_PROGRESS, RefundStatus.PAID, "finance"));
        assertThat(dossier.statusTransitions().get(3).at()).isEqualTo(refund.recordedAt(4));
        assertThat(dossier.policyEvaluations()).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("policyVersion", "2026-11"));
        assertThat(dossier.decisions()).extracting(AuditEntry::eventType).containsExactly("MoreInformationRequested",
                "RefundApplicationApproved", "ReturnAuthorized", "ReturnInspected");
        assertThat(dossier.notifications()).extracting(e -> e.payload().get("template"))
                .containsExactly("refund-approved", "refund-paid");
        assertThat(dossier.payouts()).hasSize(4);
        assertThat(dossier.orderLedger()).extracting(AuditEntry::eventType).containsExactly("OrderRefundReserved");
        assertThat(dossier.history()).hasSize(17);
        assertThat(dossier.logDigest()).as("no digests in this unit test").isNull();
    }

    @Test
    void the_html_dossier_is_bilingual_printable_and_shows_typed_markup_as_text() {
        String html = DossierHtml.render(queries.dossier(refund.id, "auditor<b>"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">", "@media print",
                "争议档案", "Dispute dossier", "状态变更", "Status transitions", "政策评估", "Policy evaluations",
                "打款", "Payouts", "事件日志签名摘要", "Signed event-log digest");
        assertThat(html).contains("reviewer 批准退款 ¥1,000.00", "reviewer approved a refund of CNY 1,000.00",
                "REFUND_WINDOW", "22 of 30 days", "2026-11");
        assertThat(html).doesNotContain("<script>", "auditor<b>")
                .contains("Invoice attached &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; photos", "auditor&lt;b&gt;");
    }

    @Test
    void escaping_covers_the_five_characters_that_matter_in_html() {
        assertThat(DossierHtml.esc("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(DossierHtml.esc(null)).isEmpty();
    }

    @Test
    void an_application_without_history_is_not_found() {
        assertThatThrownBy(() -> queries.history("no-such-application"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("AUDIT_HISTORY_NOT_FOUND"));
    }

    @Test
    void a_point_in_the_log_is_a_position_or_an_instant() {
        assertThat(PointInLog.parse("42", "to")).isEqualTo(PointInLog.position(42));
        assertThat(PointInLog.parse("2026-11-23T02:15:00Z", "to")).isEqualTo(PointInLog.at(Instant.parse("2026-11-23T02:15:00Z")));
        assertThatThrownBy(() -> PointInLog.parse("yesterday", "from"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_POINT_IN_LOG");
                    assertThat(e.field()).isEqualTo("from");
                });
    }
}
