package io.refundledger.query.subscription;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.SettlementLineKind;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionRenewed;
import io.refundledger.events.subscription.SubscriptionSeatsChanged;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundEvents;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationState;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationStep;
import io.refundledger.query.subscription.SubscriptionStatusView.ContactView;
import io.refundledger.query.subscription.SubscriptionStatusView.CurrentOwner;
import io.refundledger.query.subscription.SubscriptionStatusView.ExpectedAction;
import io.refundledger.query.subscription.SubscriptionStatusView.MoneyView;
import io.refundledger.query.subscription.SubscriptionStatusView.NextStep;
import io.refundledger.query.subscription.SubscriptionStatusView.OwnerRole;
import io.refundledger.query.subscription.SubscriptionStatusView.SubscriptionState;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.subscription.SubscriptionEvents.CANCELLED_AT;
import static io.refundledger.query.subscription.SubscriptionEvents.autoRenewalOff;
import static io.refundledger.query.subscription.SubscriptionEvents.by;
import static io.refundledger.query.subscription.SubscriptionEvents.bySystem;
import static io.refundledger.query.subscription.SubscriptionEvents.cancellationRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.cny;
import static io.refundledger.query.subscription.SubscriptionEvents.contact;
import static io.refundledger.query.subscription.SubscriptionEvents.deactivated;
import static io.refundledger.query.subscription.SubscriptionEvents.exportCompleted;
import static io.refundledger.query.subscription.SubscriptionEvents.exportRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.keyId;
import static io.refundledger.query.subscription.SubscriptionEvents.newSubscriptionId;
import static io.refundledger.query.subscription.SubscriptionEvents.purged;
import static io.refundledger.query.subscription.SubscriptionEvents.refundRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.refundSubmitted;
import static io.refundledger.query.subscription.SubscriptionEvents.settlement;
import static io.refundledger.query.subscription.SubscriptionEvents.settlementStatus;
import static io.refundledger.query.subscription.SubscriptionEvents.started;
import static io.refundledger.query.subscription.SubscriptionEvents.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The subscription status projection, fed subscription and refund events at consecutive global positions through
 * Axon's handler adapter, against a fresh embedded MongoDB database per test and a real vault in it.
 */
class SubscriptionStatusProjectionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String NAME = "王小明";
    private static final String EMAIL = "xiaoming.wang@example.cn";

    private MongoDatabase database;
    private PersonalDataVault vault;
    private SubscriptionStatusStore store;
    private SubscriptionQueries queries;
    private SubscriptionFeed feed;

    private final String subscriptionId = newSubscriptionId();
    private final String customerId = "C-" + subscriptionId;
    private final String cancellationId = "CX-" + subscriptionId;
    private final String exportId = "EX-" + subscriptionId;
    private final String refundId = RefundEvents.newApplicationId();
    private final String refundNumber = RefundEvents.newApplicationNumber();

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        vault = new MongoPersonalDataVault(database, Clock.systemUTC());
        store = new SubscriptionStatusStore(database);
        queries = new SubscriptionQueries(store);
        feed = new SubscriptionFeed(new SubscriptionStatusProjection(store, vault, SHANGHAI), 100);
    }

    @Test
    void a_started_subscription_shows_what_was_agreed_and_the_decrypted_contact() {
        feed.deliver(started(subscriptionId, customerId, contact(vault, subscriptionId, NAME, EMAIL)), by("agent", "CUSTOMER_SERVICE"));

        SubscriptionStatusView view = view();
        assertThat(view.status()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(view.customerSegment()).isEqualTo("SMB");
        assertThat(view.planCode()).isEqualTo("CRM-PRO-ANNUAL");
        assertThat(view.productId()).isEqualTo("crm-mobile");
        assertThat(view.seats()).isEqualTo(10);
        assertThat(view.currentTerm().termStart()).isEqualTo("2026-01-01");
        assertThat(view.currentTerm().lastDay()).isEqualTo("2026-12-31");
        assertThat(view.currentTerm().prepaidAmount()).isEqualTo(new MoneyView("1200.00", "CNY"));
        assertThat(view.currentTerm().termDiscount()).isEqualTo(new MoneyView("100.00", "CNY"));
        assertThat(view.contractTerms().minimumTermMonths()).isEqualTo(12);
        assertThat(view.contractTerms().earlyTerminationPenalty().percent()).isEqualTo("20");
        assertThat(view.contractTerms().earlyTerminationPenalty().cap()).isEqualTo(new MoneyView("100.00", "CNY"));
        assertThat(view.contractTerms().dataRetentionDays()).isEqualTo(90);
        assertThat(view.contact()).isEqualTo(new ContactView(NAME, EMAIL, "+86 138 0013 8000"));
        assertThat(view.startedBy()).isEqualTo("agent");
        // Auto-renewal renews at the start of the first day after the term, in the business zone.
        assertThat(view.currentOwner()).isEqualTo(new CurrentOwner(OwnerRole.SYSTEM, null));
        assertThat(view.nextStep()).isEqualTo(new NextStep(ExpectedAction.RENEWAL, Instant.parse("2026-12-31T16:00:00Z")));
        assertThat(queries.answer(new ListCustomerSubscriptions(customerId))).extracting(SubscriptionStatusView::subscriptionId)
                .containsExactly(subscriptionId);
    }

    @Test
    void a_cancellation_runs_from_the_request_to_termination_and_follows_the_linked_refund_until_paid() {
        feed.deliver(started(subscriptionId, customerId, contact(vault, subscriptionId, NAME, EMAIL)), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(cancellationRequested(subscriptionId, cancellationId, customerId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(settlement(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(autoRenewalOff(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));

        SubscriptionStatusView pending = view();
        assertThat(pending.status()).isEqualTo(SubscriptionState.CANCELLATION_PENDING);
        assertThat(pending.autoRenewal()).isFalse();
        assertThat(pending.cancellation().reason()).isEqualTo(CancellationReason.PRICE);
        assertThat(pending.cancellation().effect()).isEqualTo(CancellationEffect.IMMEDIATELY);
        assertThat(pending.cancellation().effectiveDate()).isEqualTo("2026-06-20");
        assertThat(pending.cancellation().settlement().status()).isEqualTo(SettlementStatus.REFUND_DUE);
        assertThat(pending.nextStep()).isEqualTo(new NextStep(ExpectedAction.DATA_EXPORT, CANCELLED_AT));
        assertThat(pending.currentOwner().role()).isEqualTo(OwnerRole.SYSTEM);

        feed.deliver(exportRequested(subscriptionId, cancellationId, exportId), bySystem());
        assertThat(view().nextStep().action()).isEqualTo(ExpectedAction.DATA_EXPORT_COMPLETION);
        feed.deliver(exportCompleted(subscriptionId, exportId), bySystem());
        assertThat(view().nextStep()).isEqualTo(new NextStep(ExpectedAction.ACCOUNT_DEACTIVATION, CANCELLED_AT.plusSeconds(10)));
        feed.deliver(deactivated(subscriptionId, cancellationId), bySystem());
        assertThat(view().nextStep().action()).isEqualTo(ExpectedAction.TERMINATION);
        feed.deliver(terminated(subscriptionId, cancellationId), bySystem());

        SubscriptionStatusView ended = view();
        assertThat(ended.status()).isEqualTo(SubscriptionState.TERMINATED);
        assertThat(ended.cancellation().state()).isEqualTo(CancellationState.TERMINATED);
        assertThat(ended.cancellation().termination().confirmationNumber()).isEqualTo("TC-20260619-000007");
        assertThat(ended.personalDataRetainedUntil()).isEqualTo("2026-09-18");
        assertThat(ended.nextStep().action()).isEqualTo(ExpectedAction.REFUND_APPLICATION);

        feed.deliver(refundSubmitted(refundId, refundNumber, subscriptionId, customerId), bySystem());
        feed.deliver(refundRequested(subscriptionId, cancellationId, refundId, refundNumber), bySystem());
        SubscriptionStatusView inReview = view();
        assertThat(inReview.cancellation().refund().refundStatus()).isEqualTo(RefundStatus.SUBMITTED);
        assertThat(inReview.cancellation().refund().settlementStatus()).isEqualTo(SettlementStatus.REFUND_REQUESTED);
        assertThat(inReview.currentOwner()).isEqualTo(new CurrentOwner(OwnerRole.REVIEWER, null));
        assertThat(inReview.nextStep().action()).isEqualTo(ExpectedAction.REFUND_REVIEW);

        Instant approvedAt = CANCELLED_AT.plusSeconds(3600);
        feed.deliver(RefundEvents.approved(refundId, cny("441.10"), approvedAt), by("reviewer", "REVIEWER"));
        feed.deliver(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_APPROVED, approvedAt), bySystem());
        assertThat(view().currentOwner().role()).isEqualTo(OwnerRole.FINANCE);
        assertThat(view().nextStep().action()).isEqualTo(ExpectedAction.PAYOUT);
        Instant paidAt = approvedAt.plusSeconds(7200);
        feed.deliver(RefundEvents.payoutStarted(refundId, "P-1", cny("441.10"), PayoutMethod.ORIGINAL_PAYMENT, 1, paidAt.minusSeconds(60)),
                by("finance", "FINANCE"));
        feed.deliver(RefundEvents.payoutSucceeded(refundId, "P-1", cny("441.10"), PayoutMethod.ORIGINAL_PAYMENT, paidAt),
                by("finance", "FINANCE"));
        feed.deliver(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_PAID, paidAt), bySystem());

        SubscriptionStatusView paid = view();
        var refund = paid.cancellation().refund();
        assertThat(refund.refundApplicationId()).isEqualTo(refundId);
        assertThat(refund.applicationNumber()).isEqualTo(refundNumber);
        assertThat(refund.amount()).isEqualTo(new MoneyView("441.10", "CNY"));
        assertThat(refund.refundStatus()).isEqualTo(RefundStatus.PAID);
        assertThat(refund.refundStatusSince()).isEqualTo(paidAt);
        assertThat(refund.approvedAmount()).isEqualTo(new MoneyView("441.10", "CNY"));
        assertThat(refund.paidAmount()).isEqualTo(new MoneyView("441.10", "CNY"));
        assertThat(refund.settlementStatus()).isEqualTo(SettlementStatus.REFUND_PAID);
        assertThat(paid.cancellation().settlement().status()).isEqualTo(SettlementStatus.REFUND_PAID);
        assertThat(paid.cancellation().settlement().lines())
                .extracting(l -> l.kind(), l -> l.amount().amount(), l -> l.explanation())
                .containsExactly(
                        tuple(SettlementLineKind.PREPAID_FOR_TERM, "1200.00", "Prepaid for 2026-01-01 to 2026-12-31"),
                        tuple(SettlementLineKind.UNUSED_PREPAID_VALUE, "641.10", "1200.00 CNY × 195 / 365 days"),
                        tuple(SettlementLineKind.EARLY_TERMINATION_PENALTY, "-100.00", "20% of 641.10 CNY = 128.22 CNY, capped at 100.00 CNY"),
                        tuple(SettlementLineKind.DISCOUNT_CLAWBACK, "-100.00", "Discount of 100.00 CNY granted for the full term"),
                        tuple(SettlementLineKind.NET_REFUND, "441.10", "641.10 − 100.00 − 100.00"));
        assertThat(paid.cancellation().settlement().usedDays()).isEqualTo(170);
        assertThat(paid.cancellation().settlement().policyVersion()).isEqualTo("settlement-2026-06");
        assertThat(paid.cancellation().steps())
                .extracting(s -> s.step(), s -> s.actor())
                .containsExactly(
                        tuple(CancellationStep.REQUESTED, "agent"),
                        tuple(CancellationStep.SETTLEMENT_CALCULATED, "agent"),
                        tuple(CancellationStep.AUTO_RENEWAL_SWITCHED_OFF, "agent"),
                        tuple(CancellationStep.DATA_EXPORT_REQUESTED, "system"),
                        tuple(CancellationStep.DATA_EXPORT_COMPLETED, "system"),
                        tuple(CancellationStep.ACCOUNTS_DEACTIVATED, "system"),
                        tuple(CancellationStep.TERMINATED, "system"),
                        tuple(CancellationStep.REFUND_REQUESTED, "system"),
                        tuple(CancellationStep.SETTLEMENT_STATUS_CHANGED, "system"),
                        tuple(CancellationStep.SETTLEMENT_STATUS_CHANGED, "system"));
        assertThat(paid.cancellation().steps().get(0).description().en())
                .startsWith("The customer asked to cancel, effective immediately, reason: price");
        assertThat(paid.cancellation().steps().get(0).description().zhCN()).startsWith("客户申请退订，立即生效，原因：价格");
        assertThat(paid.cancellation().export().exportReference()).isEqualTo("exports/" + exportId + ".json");
        assertThat(paid.cancellation().accountsDeactivation().accountCount()).isEqualTo(10);
        // Money settled; what remains is erasing the personal data the day after the retention period.
        assertThat(paid.nextStep()).isEqualTo(new NextStep(ExpectedAction.PERSONAL_DATA_PURGE, Instant.parse("2026-09-18T16:00:00Z")));
        assertThat(paid.inCurrentStepSince()).isEqualTo(paidAt);

        SubscriptionCancellationView progress = queries.answer(new FindSubscriptionCancellation(subscriptionId));
        assertThat(progress.cancellation()).isEqualTo(paid.cancellation());
        assertThat(progress.nextStep()).isEqualTo(paid.nextStep());
    }

    @Test
    void a_revoked_cancellation_stays_listed_as_a_past_one_and_the_subscription_runs_on() {
        feed.deliver(started(subscriptionId, customerId, null), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(cancellationRequested(subscriptionId, cancellationId, customerId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(settlement(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        Instant revokedAt = CANCELLED_AT.plusSeconds(600);
        feed.deliver(new SubscriptionCancellationRevoked(subscriptionId, cancellationId, "Got a better price", revokedAt),
                by("agent", "CUSTOMER_SERVICE"));

        SubscriptionStatusView view = view();
        assertThat(view.status()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(view.cancellation()).isNull();
        assertThat(view.pastCancellations()).singleElement().satisfies(past -> {
            assertThat(past.cancellationId()).isEqualTo(cancellationId);
            assertThat(past.state()).isEqualTo(CancellationState.REVOKED);
            assertThat(past.revocation().reasonText()).isEqualTo("Got a better price");
            assertThat(past.revocation().revokedBy()).isEqualTo("agent");
            assertThat(past.settlement().netRefund().amount()).isEqualTo("441.10");
            assertThat(past.steps()).extracting(s -> s.step())
                    .containsExactly(CancellationStep.REQUESTED, CancellationStep.SETTLEMENT_CALCULATED, CancellationStep.REVOKED);
        });
        assertThat(view.nextStep().action()).isEqualTo(ExpectedAction.RENEWAL);
        assertThat(queries.answer(new FindSubscriptionCancellation(subscriptionId)).pastCancellations()).hasSize(1);

        String second = cancellationId + "-2";
        feed.deliver(cancellationRequested(subscriptionId, second, customerId), by("agent", "CUSTOMER_SERVICE"));
        assertThat(view().cancellation().cancellationId()).isEqualTo(second);
        assertThat(view().pastCancellations()).extracting(c -> c.cancellationId()).containsExactly(cancellationId);
    }

    @Test
    void a_refused_cancellation_is_shown_with_its_rule_and_changes_nothing_else() {
        feed.deliver(started(subscriptionId, customerId, null), by("agent", "CUSTOMER_SERVICE"));
        Instant refusedAt = Instant.parse("2026-12-20T02:00:00Z");
        feed.deliver(new SubscriptionCancellationRefused(subscriptionId, CancellationReason.SWITCHED_PROVIDER,
                CancellationEffect.END_OF_TERM, "NOTICE_PERIOD_NOT_MET",
                "An end-of-term cancellation needs 30 days' notice; 12 days are left", refusedAt), by("agent", "CUSTOMER_SERVICE"));

        SubscriptionStatusView view = view();
        assertThat(view.status()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(view.cancellation()).isNull();
        assertThat(view.refusals()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("NOTICE_PERIOD_NOT_MET");
            assertThat(r.detail()).contains("30 days' notice");
            assertThat(r.reason()).isEqualTo(CancellationReason.SWITCHED_PROVIDER);
            assertThat(r.refusedAt()).isEqualTo(refusedAt);
            assertThat(r.refusedBy()).isEqualTo("agent");
        });
        assertThat(view.lastUpdatedAt()).isEqualTo(refusedAt);
    }

    @Test
    void renewals_seat_changes_and_auto_renewal_switches_are_listed_and_move_the_term() {
        feed.deliver(started(subscriptionId, customerId, null), by("agent", "CUSTOMER_SERVICE"));
        Instant seatsAt = Instant.parse("2026-03-01T02:00:00Z");
        feed.deliver(new SubscriptionSeatsChanged(subscriptionId, 10, 14, seatsAt), by("agent", "CUSTOMER_SERVICE"));
        Instant renewedAt = Instant.parse("2026-12-31T16:00:05Z");
        feed.deliver(new SubscriptionRenewed(subscriptionId, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-01"),
                LocalDate.parse("2028-01-01"), cny("1300"), cny("0"), renewedAt), bySystem());
        Instant offAt = Instant.parse("2027-02-01T02:00:00Z");
        feed.deliver(new AutoRenewalSwitchedOff(subscriptionId, null, offAt), by("agent", "CUSTOMER_SERVICE"));

        SubscriptionStatusView view = view();
        assertThat(view.seats()).isEqualTo(14);
        assertThat(view.seatChanges()).singleElement().satisfies(s -> {
            assertThat(s.previousSeats()).isEqualTo(10);
            assertThat(s.changedBy()).isEqualTo("agent");
        });
        assertThat(view.currentTerm().termStart()).isEqualTo("2027-01-01");
        assertThat(view.currentTerm().lastDay()).isEqualTo("2027-12-31");
        assertThat(view.currentTerm().prepaidAmount()).isEqualTo(new MoneyView("1300.00", "CNY"));
        assertThat(view.renewals()).singleElement().satisfies(r -> {
            assertThat(r.termEnd()).isEqualTo("2028-01-01");
            assertThat(r.renewedBy()).isEqualTo("system");
        });
        assertThat(view.autoRenewal()).isFalse();
        assertThat(view.autoRenewalChanges()).singleElement().satisfies(c -> {
            assertThat(c.switchedOn()).isFalse();
            assertThat(c.becauseOfCancellationId()).isNull();
        });
        // Without auto-renewal the term just ends: the customer decides whether to renew.
        assertThat(view.currentOwner()).isEqualTo(new CurrentOwner(OwnerRole.CUSTOMER, customerId));
        assertThat(view.nextStep()).isEqualTo(new NextStep(ExpectedAction.TERM_END, Instant.parse("2027-12-31T16:00:00Z")));
        assertThat(view.inCurrentStepSince()).isEqualTo(offAt);
    }

    @Test
    void redelivery_changes_nothing() {
        runToRefundPaid();
        Document before = storedView();

        feed.redeliverAll();

        assertThat(storedView()).isEqualTo(before);
        assertThat(view().cancellation().steps()).hasSize(10);
    }

    @Test
    void a_reset_and_replay_rebuilds_the_same_documents() {
        runToRefundPaid();
        List<Document> before = allDocuments();

        feed.resetAndReplay();

        assertThat(allDocuments()).isEqualTo(before);
    }

    @Test
    void refund_applications_that_settle_no_subscription_leave_no_trace() {
        String purchaseRefund = RefundEvents.newApplicationId();
        feed.deliver(RefundEvents.submitted(purchaseRefund, RefundEvents.newApplicationNumber(), "C-1", "SO-1", CANCELLED_AT), Map.of());
        feed.deliver(RefundEvents.approved(purchaseRefund, "100", CANCELLED_AT), Map.of());

        assertThat(allDocuments()).isEmpty();
    }

    @Test
    void the_purge_drops_the_contact_and_a_replay_after_the_key_is_destroyed_does_not_bring_it_back() {
        runToRefundPaid();
        assertThat(view().contact().email()).isEqualTo(EMAIL);

        // What the command side does: destroy the key, then record the purge.
        vault.destroy(keyId(subscriptionId));
        feed.deliver(purged(subscriptionId, customerId), bySystem());

        SubscriptionStatusView view = view();
        assertThat(view.contact()).isNull();
        assertThat(view.personalDataPurgedAt()).isEqualTo(Instant.parse("2026-09-19T00:00:05Z"));
        assertThat(view.currentOwner()).isNull();
        assertThat(view.nextStep()).isNull();
        assertThat(allDocuments().toString()).doesNotContain(NAME).doesNotContain(EMAIL);

        feed.resetAndReplay();

        assertThat(view().contact()).isNull();
        assertThat(view().personalDataPurgedAt()).isNotNull();
        assertThat(allDocuments().toString()).doesNotContain(NAME).doesNotContain(EMAIL);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void runToRefundPaid() {
        feed.deliver(started(subscriptionId, customerId, contact(vault, subscriptionId, NAME, EMAIL)), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(cancellationRequested(subscriptionId, cancellationId, customerId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(settlement(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(autoRenewalOff(subscriptionId, cancellationId), by("agent", "CUSTOMER_SERVICE"));
        feed.deliver(exportRequested(subscriptionId, cancellationId, exportId), bySystem());
        feed.deliver(exportCompleted(subscriptionId, exportId), bySystem());
        feed.deliver(deactivated(subscriptionId, cancellationId), bySystem());
        feed.deliver(terminated(subscriptionId, cancellationId), bySystem());
        feed.deliver(refundSubmitted(refundId, refundNumber, subscriptionId, customerId), bySystem());
        feed.deliver(refundRequested(subscriptionId, cancellationId, refundId, refundNumber), bySystem());
        Instant approvedAt = CANCELLED_AT.plusSeconds(3600);
        feed.deliver(RefundEvents.approved(refundId, cny("441.10"), approvedAt), by("reviewer", "REVIEWER"));
        feed.deliver(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_APPROVED, approvedAt), bySystem());
        feed.deliver(RefundEvents.payoutSucceeded(refundId, "P-1", cny("441.10"), PayoutMethod.ORIGINAL_PAYMENT,
                approvedAt.plusSeconds(60)), by("finance", "FINANCE"));
        feed.deliver(settlementStatus(subscriptionId, cancellationId, refundId, SettlementStatus.REFUND_PAID,
                approvedAt.plusSeconds(60)), bySystem());
    }

    private SubscriptionStatusView view() {
        return queries.answer(new FindSubscriptionStatus(subscriptionId));
    }

    private Document storedView() {
        return database.getCollection(SubscriptionStatusStore.STATUS).find(Filters.eq("_id", subscriptionId)).first();
    }

    /** Every document of the read model's collections, in a stable order. */
    private List<Document> allDocuments() {
        List<Document> documents = new ArrayList<>();
        for (String collection : List.of(SubscriptionStatusStore.STATUS, SubscriptionStatusStore.BY_CUSTOMER,
                SubscriptionStatusStore.REFUND_LINKS)) {
            database.getCollection(collection).find().sort(new Document("_id", 1)).into(documents);
        }
        return documents;
    }
}
