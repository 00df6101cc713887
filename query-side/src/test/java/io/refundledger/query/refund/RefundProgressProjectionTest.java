package io.refundledger.query.refund;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import io.refundledger.infrastructure.testing.TestMongo;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The refund progress projection, fed tracked events at chosen global positions through Axon's own handler
 * adapter (so the token and metadata parameters are resolved as in the running processor), against a fresh
 * embedded MongoDB database per test.
 */
class RefundProgressProjectionTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-23T02:15:00Z");
    private static final Instant DECIDED_AT = Instant.parse("2026-11-24T09:00:00Z");

    private static MongoClient client;

    private MongoDatabase database;
    private RefundProgressStore store;
    private RefundProgressQueries queries;
    private AnnotationEventHandlerAdapter projection;
    private final Map<String, Long> nextSequence = new HashMap<>();

    private final String applicationId = newApplicationId();
    private final String applicationNumber = newApplicationNumber();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.server().connectionString(""));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyReadModel() {
        database = client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase());
        store = new RefundProgressStore(database);
        queries = new RefundProgressQueries(store);
        projection = new AnnotationEventHandlerAdapter(new RefundProgressProjection(store, new RefundsByStatusStore(database, java.time.ZoneId.of("Asia/Shanghai")),
                RefundProgressProjection.DEFAULT_PAYOUT_DEADLINE));
    }

    @Test
    void a_submitted_application_shows_as_submitted_with_one_step() {
        deliver(7, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));

        RefundProgressView view = progressOf(applicationId);
        assertThat(view.applicationNumber()).isEqualTo(applicationNumber);
        assertThat(view.customerId()).isEqualTo("customer-1");
        assertThat(view.orderId()).isEqualTo("order-1");
        assertThat(view.type()).isEqualTo(RefundType.REFUND_ONLY);
        assertThat(view.status()).isEqualTo(RefundStatus.SUBMITTED);
        assertThat(view.paidAmount()).isEqualTo(new MoneyView("1299.00", "CNY"));
        assertThat(view.requestedAmount()).isEqualTo(new MoneyView("1200.00", "CNY"));
        assertThat(view.approvedAmount()).isNull();
        assertThat(view.reasonCategory()).isEqualTo(RefundReasonCategory.PRODUCT_QUALITY);
        assertThat(view.reasonText()).isEqualTo("屏幕有坏点 (dead pixels)");
        assertThat(view.payoutMethod()).isEqualTo(PayoutMethod.ORIGINAL_PAYMENT);
        assertThat(view.purchasedAt()).isEqualTo(RefundEvents.PURCHASED_AT);
        assertThat(view.submittedAt()).isEqualTo(SUBMITTED_AT);
        assertThat(view.lastUpdatedAt()).isEqualTo(SUBMITTED_AT);
        assertThat(view.decidedAt()).isNull();
        assertThat(view.timeline()).containsExactly(
                new TimelineStep(ProgressStep.SUBMITTED, SUBMITTED_AT, "屏幕有坏点 (dead pixels)", null));
        assertThat(view.lastAppliedPosition()).isEqualTo(7);
    }

    @Test
    void an_application_settling_a_subscription_names_it_with_the_product_and_segment() {
        RefundApplicationSubmitted plain = submitted(applicationId, applicationNumber, "customer-1", "subscription:S-9", SUBMITTED_AT);
        deliver(3, new RefundApplicationSubmitted(plain.applicationId(), plain.applicationNumber(), plain.customerId(),
                plain.orderId(), plain.type(), plain.paidAmount(), plain.requestedAmount(), plain.reasonCategory(),
                plain.reasonText(), plain.payoutMethod(), plain.purchasedAt(), plain.submittedAt(), null, plain.usage(),
                null, null, null, "CRM-MOBILE-PRO", "SMB", "S-9"));

        RefundProgressView view = progressOf(applicationId);
        assertThat(view.subscriptionId()).isEqualTo("S-9");
        assertThat(view.productId()).isEqualTo("CRM-MOBILE-PRO");
        assertThat(view.customerSegment()).isEqualTo("SMB");
    }

    @Test
    void an_approved_application_shows_the_approved_amount_and_when_it_was_decided() {
        deliver(1, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));
        deliver(4, approved(applicationId, "1150", DECIDED_AT));

        RefundProgressView view = progressOf(applicationId);
        assertThat(view.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(view.approvedAmount()).isEqualTo(new MoneyView("1150.00", "CNY"));
        assertThat(view.requestedAmount()).isEqualTo(new MoneyView("1200.00", "CNY"));
        assertThat(view.decidedAt()).isEqualTo(DECIDED_AT);
        assertThat(view.lastUpdatedAt()).isEqualTo(DECIDED_AT);
        assertThat(view.rejectionReason()).isNull();
        assertThat(view.timeline()).extracting(TimelineStep::step).containsExactly(ProgressStep.SUBMITTED, ProgressStep.APPROVED);
        assertThat(view.timeline().get(1)).isEqualTo(
                new TimelineStep(ProgressStep.APPROVED, DECIDED_AT, "Photos confirm the defect", null));
        assertThat(view.lastAppliedPosition()).isEqualTo(4);
    }

    @Test
    void a_rejected_application_shows_the_reason_the_customer_is_given() {
        deliver(1, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));
        deliver(2, rejected(applicationId, DECIDED_AT));

        RefundProgressView view = progressOf(applicationId);
        assertThat(view.status()).isEqualTo(RefundStatus.REJECTED);
        assertThat(view.rejectionReason()).isEqualTo("Outside the 7-day return window");
        assertThat(view.approvedAmount()).isNull();
        assertThat(view.decidedAt()).isEqualTo(DECIDED_AT);
        assertThat(view.timeline()).extracting(TimelineStep::step, TimelineStep::detail).containsExactly(
                tuple(ProgressStep.SUBMITTED, "屏幕有坏点 (dead pixels)"),
                tuple(ProgressStep.REJECTED, "Outside the 7-day return window"));
    }

    @Test
    void who_acted_is_taken_from_the_event_metadata_when_it_is_there() {
        deliver(1, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));
        deliver(2, approved(applicationId, "1200", DECIDED_AT), Map.of(RefundProgressProjection.ACTOR, "reviewer-zhang"));

        assertThat(progressOf(applicationId).timeline()).extracting(TimelineStep::actor).containsExactly(null, "reviewer-zhang");
    }

    @Test
    void redelivering_events_already_applied_changes_nothing() {
        var submission = submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT);
        var approval = approved(applicationId, "1150", DECIDED_AT);
        deliver(3, submission);
        deliver(5, approval);
        RefundProgressView applied = progressOf(applicationId);
        List<Document> indexEntriesBefore = indexEntries();

        // After a crash between the read-model writes and the token update, a batch comes again from where the
        // stored token was: possibly just the approval, possibly everything again.
        deliver(5, approval);
        assertThat(progressOf(applicationId)).isEqualTo(applied);
        deliver(3, submission);
        assertThat(progressOf(applicationId)).isEqualTo(applied);
        deliver(5, approval);

        assertThat(progressOf(applicationId)).isEqualTo(applied);
        assertThat(progressOf(applicationId).timeline()).hasSize(2);
        assertThat(indexEntries()).isEqualTo(indexEntriesBefore);
    }

    @Test
    void a_crash_after_the_index_entries_but_before_the_view_is_repaired_by_the_redelivery() {
        store.indexUnderOrder("order-1", applicationId);
        store.indexUnderCustomer("customer-1", applicationId);

        deliver(1, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));

        assertThat(queries.answer(new ListRefundProgress("order-1", null))).extracting(RefundProgressView::applicationId)
                .containsExactly(applicationId);
        assertThat(database.getCollection(RefundProgressStore.BY_ORDER).find().first()
                .getList(RefundProgressStore.APPLICATION_IDS, String.class)).containsExactly(applicationId);
    }

    @Test
    void events_replayed_after_a_reset_carry_replay_tokens_and_are_applied_by_their_position() {
        deliver(new ReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(2)),
                submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT), Map.of());

        assertThat(progressOf(applicationId).lastAppliedPosition()).isEqualTo(2);
    }

    @Test
    void an_application_is_found_by_its_id_and_by_its_number() {
        deliver(1, submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT));

        assertThat(queries.answer(new FindRefundProgress(applicationId)).applicationNumber()).isEqualTo(applicationNumber);
        assertThat(queries.answer(new FindRefundProgress(applicationNumber)).applicationId()).isEqualTo(applicationId);
    }

    @Test
    void an_unknown_application_is_not_found() {
        assertThatThrownBy(() -> queries.answer(new FindRefundProgress("RF-20261123-999999")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("REFUND_APPLICATION_NOT_FOUND");
                });
    }

    @Test
    void applications_are_listed_by_order_by_customer_and_by_both_newest_first() {
        String olderOnOrder1 = newApplicationId();
        String newerOnOrder1 = newApplicationId();
        String onOrder2 = newApplicationId();
        String otherCustomerOnOrder1 = newApplicationId();
        deliver(1, submitted(olderOnOrder1, newApplicationNumber(), "customer-1", "order-1", SUBMITTED_AT));
        deliver(2, submitted(onOrder2, newApplicationNumber(), "customer-1", "order-2", SUBMITTED_AT.plusSeconds(60)));
        deliver(3, submitted(newerOnOrder1, newApplicationNumber(), "customer-1", "order-1", SUBMITTED_AT.plusSeconds(120)));
        deliver(4, submitted(otherCustomerOnOrder1, newApplicationNumber(), "customer-2", "order-1", SUBMITTED_AT.plusSeconds(30)));

        assertThat(queries.answer(new ListRefundProgress("order-1", null))).extracting(RefundProgressView::applicationId)
                .containsExactly(newerOnOrder1, otherCustomerOnOrder1, olderOnOrder1);
        assertThat(queries.answer(new ListRefundProgress(null, "customer-1"))).extracting(RefundProgressView::applicationId)
                .containsExactly(newerOnOrder1, onOrder2, olderOnOrder1);
        assertThat(queries.answer(new ListRefundProgress("order-1", "customer-1"))).extracting(RefundProgressView::applicationId)
                .containsExactly(newerOnOrder1, olderOnOrder1);
        assertThat(queries.answer(new ListRefundProgress("order-without-refunds", null))).isEmpty();
    }

    @Test
    void listing_needs_an_order_or_a_customer() {
        assertThatThrownBy(() -> new ListRefundProgress(" ", null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo("orderId");
                });
    }

    @Test
    void a_reset_empties_the_read_model_so_a_replay_rebuilds_it() {
        var submission = submitted(applicationId, applicationNumber, "customer-1", "order-1", SUBMITTED_AT);
        var approval = approved(applicationId, "1150", DECIDED_AT);
        deliver(1, submission);
        deliver(2, approval);
        RefundProgressView beforeReset = progressOf(applicationId);

        projection.prepareReset();

        for (String collection : List.of(RefundProgressStore.PROGRESS, RefundProgressStore.BY_ORDER, RefundProgressStore.BY_CUSTOMER)) {
            assertThat(database.getCollection(collection).countDocuments()).as(collection).isZero();
        }
        assertThat(store.findById(applicationId)).isEmpty();
        assertThat(uniqueIndexNames()).as("indexes are back for the rebuild").contains("unique_application_number");

        deliver(1, submission);
        deliver(2, approval);
        assertThat(progressOf(applicationId)).isEqualTo(beforeReset);
    }

    @Test
    void the_application_number_is_unique_so_looking_it_up_uses_an_index() {
        assertThat(uniqueIndexNames()).containsExactly("unique_application_number");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void deliver(long position, Object payload) {
        deliver(position, payload, Map.of());
    }

    private void deliver(long position, Object payload, Map<String, ?> metaData) {
        deliver(new GlobalSequenceTrackingToken(position), payload, metaData);
    }

    private void deliver(TrackingToken token, Object payload, Map<String, ?> metaData) {
        String aggregateId = progressKey(payload);
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        var event = new GenericDomainEventMessage<>(RefundEvents.AGGREGATE_TYPE, aggregateId, sequence, payload, metaData);
        try {
            projection.handle(new GenericTrackedDomainEventMessage<>(token, event));
        } catch (Exception e) {
            throw new AssertionError("handler failed for " + payload, e);
        }
    }

    private static String progressKey(Object payload) {
        if (payload instanceof RefundApplicationSubmitted e) {
            return e.applicationId();
        }
        if (payload instanceof RefundApplicationApproved e) {
            return e.applicationId();
        }
        if (payload instanceof RefundApplicationRejected e) {
            return e.applicationId();
        }
        throw new IllegalArgumentException("not a refund event: " + payload);
    }

    private RefundProgressView progressOf(String id) {
        return store.findById(id).orElseThrow(() -> new AssertionError("no progress view for " + id));
    }

    private List<Document> indexEntries() {
        List<Document> entries = new ArrayList<>();
        database.getCollection(RefundProgressStore.BY_ORDER).find().into(entries);
        database.getCollection(RefundProgressStore.BY_CUSTOMER).find().into(entries);
        return entries;
    }

    private List<String> uniqueIndexNames() {
        return database.getCollection(RefundProgressStore.PROGRESS).listIndexes().into(new ArrayList<>()).stream()
                .filter(index -> index.getBoolean("unique", false))
                .map(index -> index.getString("name"))
                .toList();
    }
}
