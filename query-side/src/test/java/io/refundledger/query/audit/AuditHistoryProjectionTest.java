package io.refundledger.query.audit;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.audit.AuditHistoryStore.AggregateHistory;
import io.refundledger.query.refund.EventFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit_history read model, fed tracked events at chosen positions, against a fresh embedded database. */
class AuditHistoryProjectionTest {

    private AuditHistoryStore store;
    private HistoryFeed feed;

    @BeforeEach
    void freshReadModel() {
        MongoDatabase database = EventFeed.freshDatabase();
        store = new AuditHistoryStore(database);
        feed = new HistoryFeed(new AuditHistoryProjection(store));
    }

    @Test
    void a_long_history_is_kept_in_log_order_with_everything_an_auditor_asks_about_each_event() {
        ContestedRefund refund = new ContestedRefund(101);
        refund.feed(feed);

        AggregateHistory history = store.find(refund.id).orElseThrow();
        assertThat(history.aggregateType()).isEqualTo("RefundApplication");
        assertThat(history.entries()).extracting(AuditEntry::eventType).containsExactly(
                "RefundApplicationSubmitted", "RefundPolicyEvaluated", "RefundApplicationAssigned",
                "MoreInformationRequested", "MoreInformationProvided", "RefundApplicationApproved",
                "CustomerNotificationRequested", "ReturnAuthorized", "ReturnShipped", "ReturnReceived", "ReturnInspected",
                "PayoutStarted", "PayoutFailed", "PayoutStarted", "PayoutSucceeded", "CustomerNotificationRequested",
                "SatisfactionRated");
        assertThat(history.entries()).extracting(AuditEntry::globalPosition).startsWith(101L, 102L).endsWith(117L);
        assertThat(history.entries()).extracting(AuditEntry::sequence).startsWith(0L, 1L, 2L);

        AuditEntry submitted = history.entries().get(0);
        assertThat(submitted.actor()).isEqualTo("agent");
        assertThat(submitted.actorRoles()).containsExactly("CUSTOMER_SERVICE");
        assertThat(submitted.requestId()).isEqualTo("req-1");
        assertThat(submitted.correlationId()).isEqualTo("trace-req-1");
        assertThat(submitted.causationId()).isEqualTo("cmd-req-1");
        assertThat(submitted.channel()).isEqualTo("http");
        assertThat(submitted.idempotencyKey()).isEqualTo("idem-submit-1");
        assertThat(submitted.timestamp()).isEqualTo(refund.recordedAt(0));
        assertThat(submitted.payloadType()).isEqualTo("io.refundledger.events.refund.RefundApplicationSubmitted");
        assertThat(submitted.payloadRevision()).isNotBlank();
        // The payload as the event store writes it: amounts as decimal strings, instants as ISO text.
        assertThat(submitted.payload()).containsEntry("applicationNumber", refund.number)
                .containsEntry("submittedAt", "2026-11-23T02:00:00Z");
        assertThat(Map.copyOf((Map<?, ?>) submitted.payload().get("paidAmount")))
                .isEqualTo(Map.of("amount", "1299.00", "currency", "CNY"));

        AuditEntry evaluation = history.entries().get(1);
        assertThat(evaluation.policyVersion()).isEqualTo("2026-11");

        AuditEntry approval = history.entries().get(5);
        assertThat(approval.description().zhCN()).isEqualTo("reviewer 批准退款 ¥1,000.00");
        assertThat(approval.description().en()).isEqualTo("reviewer approved a refund of CNY 1,000.00");
        assertThat(approval.policyVersion()).as("not carried by this event's metadata").isNull();
    }

    @Test
    void an_event_of_the_system_has_no_actor_roles_or_idempotency_key() {
        ContestedRefund refund = new ContestedRefund(1);
        refund.feed(feed);

        AuditEntry failure = store.find(refund.id).orElseThrow().entries().stream()
                .filter(e -> e.eventType().equals("PayoutFailed")).findFirst().orElseThrow();

        assertThat(failure.actor()).isNull();
        assertThat(failure.actorRoles()).isEmpty();
        assertThat(failure.idempotencyKey()).isNull();
        assertThat(failure.channel()).isEqualTo("scheduler");
        assertThat(failure.requestId()).isEqualTo("job-1");
        assertThat(failure.description().en()).isEqualTo("the system recorded a failed payout: Card account closed");
    }

    @Test
    void redelivery_changes_nothing() {
        ContestedRefund refund = new ContestedRefund(1);
        refund.feed(feed);
        List<AuditEntry> before = store.find(refund.id).orElseThrow().entries();

        feed.redeliverAll();

        assertThat(store.find(refund.id).orElseThrow().entries()).isEqualTo(before).hasSize(17);
    }

    @Test
    void a_reset_and_replay_rebuilds_the_same_history() {
        ContestedRefund refund = new ContestedRefund(1);
        refund.feed(feed);
        refund.reserve(feed);
        List<AuditEntry> before = store.find(refund.id).orElseThrow().entries();

        feed.resetAndReplay();

        assertThat(store.find(refund.id).orElseThrow().entries()).isEqualTo(before);
        assertThat(store.find("order:" + ContestedRefund.ORDER).orElseThrow().entries()).hasSize(1);
        assertThat(store.applicationIdsOfCustomer(ContestedRefund.CUSTOMER)).containsExactly(refund.id);
    }

    @Test
    void the_order_ledger_has_its_own_history() {
        ContestedRefund refund = new ContestedRefund(1);
        refund.feed(feed);
        long reservation = refund.reserve(feed);

        AggregateHistory ledger = store.find("order:" + ContestedRefund.ORDER).orElseThrow();

        assertThat(ledger.aggregateType()).isEqualTo("OrderRefundLedger");
        assertThat(ledger.entries()).singleElement().satisfies(e -> {
            assertThat(e.globalPosition()).isEqualTo(reservation);
            assertThat(e.payload()).containsEntry("applicationId", refund.id);
            assertThat(e.description().en()).startsWith("reviewer reserved CNY 1,000.00 against order SO-20261101-7");
        });
    }

    /** An event type this build has no sentence for (here: a class only the test knows). */
    record GoodwillVoucherIssued(String applicationId, String voucherCode) {
    }

    @Test
    void an_event_of_a_type_it_does_not_describe_is_recorded_with_a_generic_description() {
        String id = newApplicationId();
        feed.deliver(1, submitted(id, newApplicationNumber(), "C-9", "SO-9", ContestedRefund.T0), by("agent", "CUSTOMER_SERVICE"),
                ContestedRefund.T0);
        feed.deliver(2, new GoodwillVoucherIssued(id, "GV-<1>"), by("admin", "ADMIN"), ContestedRefund.T0.plusSeconds(5));

        AuditEntry entry = store.find(id).orElseThrow().entries().get(1);

        assertThat(entry.eventType()).isEqualTo("GoodwillVoucherIssued");
        assertThat(entry.payload()).containsEntry("voucherCode", "GV-<1>");
        assertThat(entry.description().zhCN()).isEqualTo("admin 记录了事件 GoodwillVoucherIssued");
        assertThat(entry.description().en()).isEqualTo("admin recorded an event of type GoodwillVoucherIssued");
    }

    @Test
    void a_customers_history_merges_their_applications_by_global_position() {
        String first = newApplicationId();
        String second = newApplicationId();
        String customer = "C-MERGE-" + first;
        var t = ContestedRefund.T0;
        feed.deliver(10, submitted(first, newApplicationNumber(), customer, "SO-A", t), by("agent", "CUSTOMER_SERVICE"), t);
        feed.deliver(11, submitted(second, newApplicationNumber(), customer, "SO-B", t), by("agent", "CUSTOMER_SERVICE"), t);
        feed.deliver(12, approved(second, "10", t), by("reviewer", "REVIEWER"), t);
        feed.deliver(13, approved(first, "20", t), by("reviewer", "REVIEWER"), t);

        AuditQueries queries = AuditQueriesTest.queriesOver(store);
        CustomerAuditHistoryView view = queries.customerHistory(customer);

        assertThat(view.applicationIds()).containsExactlyInAnyOrder(first, second);
        assertThat(view.entries()).extracting(AuditEntry::globalPosition).containsExactly(10L, 11L, 12L, 13L);
        assertThat(view.entries()).extracting(AuditEntry::aggregateId).containsExactly(first, second, second, first);
        assertThat(queries.customerHistory("C-NOBODY").entries()).isEmpty();
    }
}
