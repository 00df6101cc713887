package io.refundledger.query.refund;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.refund.RefundProgressView.CurrentOwner;
import io.refundledger.query.refund.RefundProgressView.DeductionView;
import io.refundledger.query.refund.RefundProgressView.EscalationView;
import io.refundledger.query.refund.RefundProgressView.ExpectedAction;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NextStep;
import io.refundledger.query.refund.RefundProgressView.NotificationView;
import io.refundledger.query.refund.RefundProgressView.OwnerRole;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.RuleResultView;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.by;
import static io.refundledger.query.refund.RefundEvents.escalated;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.notified;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rated;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.replacementShipped;
import static io.refundledger.query.refund.RefundEvents.resubmitted;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.returnShipped;
import static io.refundledger.query.refund.RefundEvents.secondApproval;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The progress view through whole lives of applications: at every stage the timeline with actors, the status,
 * who holds the application, what is expected next, by when, and since when. Fed through Axon's handler
 * adapter at chosen positions, against a fresh embedded MongoDB database per test.
 */
class RefundProgressHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final Instant REVIEW_DUE = T0.plus(Duration.ofDays(2));
    private static final Duration PAYOUT_DEADLINE = Duration.ofDays(3);

    private MongoDatabase database;
    private RefundProgressStore store;
    private EventFeed feed;

    private final String applicationId = newApplicationId();
    private final String applicationNumber = newApplicationNumber();
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        store = new RefundProgressStore(database);
        feed = new EventFeed(new RefundProgressProjection(store, new RefundsByStatusStore(database, java.time.ZoneId.of("Asia/Shanghai")), PAYOUT_DEADLINE));
    }

    @Test
    void a_return_through_information_request_four_eyes_a_failed_payout_and_a_rating_shows_each_stage() {
        Money paid = Money.of("1299.00", "CNY");
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", RefundType.RETURN_AND_REFUND, paid,
                Money.of("1299.00", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0), "agent", "CUSTOMER_SERVICE");
        RefundProgressView view = progress();
        assertStage(view, RefundStatus.SUBMITTED, OwnerRole.REVIEWER, null, ExpectedAction.REVIEW, null, T0);
        assertThat(view.timeline()).containsExactly(new TimelineStep(ProgressStep.SUBMITTED, T0, "屏幕有坏点 (dead pixels)", "agent"));

        given(evaluated(applicationId, Money.of("1199.00", "CNY"), true, REVIEW_DUE, T0), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertStage(view, RefundStatus.SUBMITTED, OwnerRole.REVIEWER, null, ExpectedAction.REVIEW, REVIEW_DUE, T0);
        assertThat(view.policyEvaluation().policyVersion()).isEqualTo(RefundEvents.POLICY_VERSION);
        assertThat(view.policyEvaluation().withinPolicy()).isTrue();
        assertThat(view.policyEvaluation().secondApprovalRequired()).isTrue();
        assertThat(view.policyEvaluation().eligibleAmount()).isEqualTo(new MoneyView("1199.00", "CNY"));
        assertThat(view.policyEvaluation().rules()).extracting(RuleResultView::rule).containsExactly("REFUND_WINDOW", "DISCOUNT_CLAWBACK");
        assertThat(view.policyEvaluation().deductions()).containsExactly(new DeductionView("DISCOUNT_CLAWBACK",
                new MoneyView("100.00", "CNY"), "Discount received with the purchase"));

        Instant assignedAt = T0.plusSeconds(600);
        given(assigned(applicationId, "reviewer", null, assignedAt), "admin", "ADMIN");
        view = progress();
        // Assignment changes who holds it, not the step it is in.
        assertStage(view, RefundStatus.SUBMITTED, OwnerRole.REVIEWER, "reviewer", ExpectedAction.REVIEW, REVIEW_DUE, T0);
        assertThat(view.assignedReviewer()).isEqualTo("reviewer");

        Instant askedAt = T0.plus(Duration.ofHours(2));
        given(informationRequested(applicationId, "Please send a photo of the serial number", askedAt), "reviewer", "REVIEWER");
        view = progress();
        assertStage(view, RefundStatus.AWAITING_INFORMATION, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.CUSTOMER_ANSWER, null, askedAt);

        Instant answeredAt = T0.plus(Duration.ofHours(20));
        given(informationProvided(applicationId, "Photo attached", List.of("att-1", "att-2"), answeredAt), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertStage(view, RefundStatus.SUBMITTED, OwnerRole.REVIEWER, "reviewer", ExpectedAction.REVIEW, REVIEW_DUE, answeredAt);
        assertThat(view.informationRequests()).singleElement().satisfies(request -> {
            assertThat(request.question()).isEqualTo("Please send a photo of the serial number");
            assertThat(request.requestedBy()).isEqualTo("reviewer");
            assertThat(request.answer()).isEqualTo("Photo attached");
            assertThat(request.attachmentReferences()).containsExactly("att-1", "att-2");
            assertThat(request.answeredAt()).isEqualTo(answeredAt);
            assertThat(request.answeredBy()).isEqualTo("agent");
        });

        Instant firstApprovedAt = T0.plus(Duration.ofHours(22));
        given(firstApproval(applicationId, "1199.00", firstApprovedAt), "reviewer", "REVIEWER");
        view = progress();
        assertStage(view, RefundStatus.AWAITING_SECOND_APPROVAL, OwnerRole.FINANCE, null, ExpectedAction.SECOND_APPROVAL, null, firstApprovedAt);
        assertThat(view.firstApproval().approvedBy()).isEqualTo("reviewer");
        assertThat(view.firstApproval().approvedAmount()).isEqualTo(new MoneyView("1199.00", "CNY"));
        assertThat(view.approvedAmount()).as("not approved until the second approval").isNull();

        Instant approvedAt = T0.plus(Duration.ofHours(26));
        given(secondApproval(applicationId, "1199.00", "reviewer", approvedAt), "finance", "FINANCE");
        view = progress();
        assertStage(view, RefundStatus.APPROVED, OwnerRole.REVIEWER, "reviewer", ExpectedAction.RETURN_AUTHORIZATION, null, approvedAt);
        assertThat(view.approvedAmount()).isEqualTo(new MoneyView("1199.00", "CNY"));
        assertThat(view.decidedAt()).isEqualTo(approvedAt);
        assertThat(view.payoutDueBy()).as("a return is payable only after inspection").isNull();

        given(returnAuthorized(applicationId, approvedAt), "finance", "FINANCE");
        given(notified(applicationId, "n-1", "refund-approved", approvedAt), "finance", "FINANCE");
        view = progress();
        assertStage(view, RefundStatus.AWAITING_RETURN, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RETURN_SHIPMENT, null, approvedAt);
        assertThat(view.returnShipment().returnAddress()).isEqualTo("Warehouse 3, Shanghai");
        assertThat(view.notifications()).containsExactly(
                new NotificationView("n-1", NotificationChannel.SMS, "refund-approved", "customer-contact-1", approvedAt));

        Instant shippedAt = T0.plus(Duration.ofDays(3));
        given(returnShipped(applicationId, shippedAt), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertStage(view, RefundStatus.RETURN_IN_TRANSIT, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RETURN_RECEIPT, null, shippedAt);
        assertThat(view.returnShipment().carrier()).isEqualTo("SF Express");
        assertThat(view.returnShipment().trackingNumber()).isEqualTo("SF1234567890");

        Instant receivedAt = T0.plus(Duration.ofDays(5));
        given(returnReceived(applicationId, receivedAt), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertStage(view, RefundStatus.RETURN_RECEIVED, OwnerRole.REVIEWER, "reviewer", ExpectedAction.INSPECTION, null, receivedAt);

        Instant inspectedAt = T0.plus(Duration.ofDays(6));
        Instant payoutDue = inspectedAt.plus(PAYOUT_DEADLINE);
        given(inspected(applicationId, InspectionOutcome.PASSED, null, inspectedAt), "reviewer", "REVIEWER");
        view = progress();
        assertStage(view, RefundStatus.RETURN_RECEIVED, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDue, inspectedAt);
        assertThat(view.inspection().outcome()).isEqualTo(InspectionOutcome.PASSED);
        assertThat(view.inspection().inspectedBy()).isEqualTo("reviewer");
        assertThat(view.amountToRefund()).isEqualTo(new MoneyView("1199.00", "CNY"));

        Instant firstPayoutAt = inspectedAt.plus(Duration.ofHours(1));
        Money amount = Money.of("1199.00", "CNY");
        given(payoutStarted(applicationId, "payout-1", amount, PayoutMethod.ORIGINAL_PAYMENT, 1, firstPayoutAt), "finance", "FINANCE");
        view = progress();
        assertStage(view, RefundStatus.PAYOUT_IN_PROGRESS, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT_CONFIRMATION, payoutDue, firstPayoutAt);

        Instant failedAt = firstPayoutAt.plus(Duration.ofHours(4));
        given(payoutFailed(applicationId, "payout-1", "Card account closed", failedAt), "finance", "FINANCE");
        view = progress();
        assertStage(view, RefundStatus.PAYOUT_FAILED, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDue, failedAt);
        assertThat(view.payouts()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(PayoutState.FAILED);
            assertThat(p.failureReason()).isEqualTo("Card account closed");
            assertThat(p.finishedAt()).isEqualTo(failedAt);
        });

        given(escalated(applicationId, DeadlineKind.PAYOUT, payoutDue, payoutDue.plusSeconds(60)), "sla-monitor", "SYSTEM");
        view = progress();
        assertStage(view, RefundStatus.PAYOUT_FAILED, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, payoutDue, failedAt);
        assertThat(view.escalations()).containsExactly(new EscalationView(DeadlineKind.PAYOUT, payoutDue, payoutDue.plusSeconds(60)));

        Instant retryAt = payoutDue.plus(Duration.ofHours(1));
        given(payoutStarted(applicationId, "payout-2", amount, PayoutMethod.BANK_TRANSFER, 2, retryAt), "finance", "FINANCE");
        Instant paidAt = retryAt.plus(Duration.ofHours(2));
        given(payoutSucceeded(applicationId, "payout-2", amount, PayoutMethod.BANK_TRANSFER, paidAt), "finance", "FINANCE");
        view = progress();
        assertStage(view, RefundStatus.PAID, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RATING, null, paidAt);
        assertThat(view.payouts()).containsExactly(
                new PayoutView("payout-1", 1, new MoneyView("1199.00", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, PayoutState.FAILED,
                        null, "Card account closed", firstPayoutAt, failedAt),
                new PayoutView("payout-2", 2, new MoneyView("1199.00", "CNY"), PayoutMethod.BANK_TRANSFER, PayoutState.SUCCEEDED,
                        "EXT-payout-2", null, retryAt, paidAt));

        Instant ratedAt = paidAt.plus(Duration.ofDays(1));
        given(rated(applicationId, 5, ratedAt), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertThat(view.status()).isEqualTo(RefundStatus.PAID);
        assertThat(view.currentOwner()).as("nothing more is expected").isNull();
        assertThat(view.nextStep()).isNull();
        assertThat(view.rating().rating()).isEqualTo(5);
        assertThat(view.lastUpdatedAt()).isEqualTo(ratedAt);

        assertThat(view.timeline()).extracting(TimelineStep::step, TimelineStep::actor).containsExactly(
                tuple(ProgressStep.SUBMITTED, "agent"),
                tuple(ProgressStep.POLICY_EVALUATED, "agent"),
                tuple(ProgressStep.ASSIGNED, "admin"),
                tuple(ProgressStep.INFORMATION_REQUESTED, "reviewer"),
                tuple(ProgressStep.INFORMATION_PROVIDED, "agent"),
                tuple(ProgressStep.FIRST_APPROVAL_GIVEN, "reviewer"),
                tuple(ProgressStep.APPROVED, "finance"),
                tuple(ProgressStep.RETURN_AUTHORIZED, "finance"),
                tuple(ProgressStep.RETURN_SHIPPED, "agent"),
                tuple(ProgressStep.RETURN_RECEIVED, "agent"),
                tuple(ProgressStep.RETURN_INSPECTED, "reviewer"),
                tuple(ProgressStep.PAYOUT_STARTED, "finance"),
                tuple(ProgressStep.PAYOUT_FAILED, "finance"),
                tuple(ProgressStep.ESCALATED, "sla-monitor"),
                tuple(ProgressStep.PAYOUT_STARTED, "finance"),
                tuple(ProgressStep.PAYOUT_SUCCEEDED, "finance"),
                tuple(ProgressStep.RATED, "agent"));
        assertThat(view.timeline()).extracting(TimelineStep::at).isSorted();
        assertThat(view.timeline().get(1).detail()).isEqualTo(
                "Policy 2026-11: within policy, eligible 1199.00 CNY, needs second approval");
        assertThat(view.lastAppliedPosition()).isEqualTo(position);
    }

    @Test
    void delivering_the_whole_history_again_changes_nothing_and_a_reset_rebuilds_it_identically() {
        Money amount = Money.of("800.00", "CNY");
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", RefundType.REFUND_ONLY,
                Money.of("1000.00", "CNY"), amount, PayoutMethod.ORIGINAL_PAYMENT, T0), "agent", "CUSTOMER_SERVICE");
        given(evaluated(applicationId, amount, false, REVIEW_DUE, T0), "agent", "CUSTOMER_SERVICE");
        given(informationRequested(applicationId, "Invoice?", T0.plusSeconds(60)), "reviewer", "REVIEWER");
        given(informationProvided(applicationId, "Here", List.of("inv-1"), T0.plusSeconds(120)), "agent", "CUSTOMER_SERVICE");
        given(approved(applicationId, "800", T0.plusSeconds(180)), "reviewer", "REVIEWER");
        given(notified(applicationId, "n-1", "refund-approved", T0.plusSeconds(180)), "reviewer", "REVIEWER");
        given(payoutStarted(applicationId, "p-1", amount, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(240)), "finance", "FINANCE");
        given(payoutFailed(applicationId, "p-1", "Bank timeout", T0.plusSeconds(300)), "finance", "FINANCE");
        RefundProgressView built = progress();
        List<Document> listsBuilt = financeLists();

        feed.redeliverAll();
        assertThat(progress()).isEqualTo(built);
        assertThat(financeLists()).isEqualTo(listsBuilt);

        feed.reset();
        assertThat(store.findById(applicationId)).isEmpty();
        assertThat(financeLists()).isEmpty();
        feed.delivered().forEach(d -> feed.deliver(d.token(), d.payload(), d.metaData()));
        assertThat(progress()).isEqualTo(built);
        assertThat(financeLists()).isEqualTo(listsBuilt);
    }

    @Test
    void a_plain_refund_is_payable_from_its_approval_and_due_by_the_payout_deadline() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", T0), "agent", "CUSTOMER_SERVICE");
        Instant approvedAt = T0.plus(Duration.ofHours(5));
        given(approved(applicationId, "1200", approvedAt), "reviewer", "REVIEWER");

        assertStage(progress(), RefundStatus.APPROVED, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT,
                approvedAt.plus(PAYOUT_DEADLINE), approvedAt);
    }

    @Test
    void a_rejected_application_waits_for_the_customer_and_a_resubmission_starts_a_new_review() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", T0), "agent", "CUSTOMER_SERVICE");
        given(evaluated(applicationId, Money.of("1100", "CNY"), false, REVIEW_DUE, T0), "agent", "CUSTOMER_SERVICE");
        Instant rejectedAt = T0.plusSeconds(3600);
        given(rejected(applicationId, rejectedAt), "reviewer", "REVIEWER");
        RefundProgressView view = progress();
        assertStage(view, RefundStatus.REJECTED, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RESUBMISSION, null, rejectedAt);
        assertThat(view.rejectionReason()).isEqualTo("Outside the 7-day return window");

        Instant resubmittedAt = T0.plus(Duration.ofDays(1));
        given(resubmitted(applicationId, "900", resubmittedAt), "agent", "CUSTOMER_SERVICE");
        view = progress();
        assertStage(view, RefundStatus.SUBMITTED, OwnerRole.REVIEWER, null, ExpectedAction.REVIEW, null, resubmittedAt);
        assertThat(view.requestedAmount()).isEqualTo(new MoneyView("900.00", "CNY"));
        assertThat(view.reasonText()).isEqualTo("Box arrived crushed");
        assertThat(view.rejectionReason()).isNull();
        assertThat(view.decidedAt()).isNull();
        assertThat(view.policyEvaluation()).as("the old evaluation judged the old request").isNull();
        assertThat(view.timeline()).extracting(TimelineStep::step).containsExactly(ProgressStep.SUBMITTED,
                ProgressStep.POLICY_EVALUATED, ProgressStep.REJECTED, ProgressStep.RESUBMITTED);
    }

    @Test
    void an_exchange_ships_a_replacement_after_inspection_and_then_waits_for_a_rating() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", RefundType.EXCHANGE,
                Money.of("300", "CNY"), Money.of("300", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0), "agent", "CUSTOMER_SERVICE");
        given(approved(applicationId, "300", T0.plusSeconds(60)), "reviewer", "REVIEWER");
        given(returnAuthorized(applicationId, T0.plusSeconds(60)), "reviewer", "REVIEWER");
        given(returnReceived(applicationId, T0.plusSeconds(120)), "agent", "CUSTOMER_SERVICE");
        Instant inspectedAt = T0.plusSeconds(180);
        given(inspected(applicationId, InspectionOutcome.PASSED, null, inspectedAt), "reviewer", "REVIEWER");
        assertStage(progress(), RefundStatus.RETURN_RECEIVED, OwnerRole.CUSTOMER_SERVICE, null,
                ExpectedAction.REPLACEMENT_SHIPMENT, inspectedAt.plus(PAYOUT_DEADLINE), inspectedAt);

        Instant shippedAt = T0.plusSeconds(240);
        given(replacementShipped(applicationId, shippedAt), "agent", "CUSTOMER_SERVICE");
        RefundProgressView view = progress();
        assertStage(view, RefundStatus.EXCHANGED, OwnerRole.CUSTOMER, "customer-1", ExpectedAction.RATING, null, shippedAt);
        assertThat(view.replacement().trackingNumber()).isEqualTo("JD0001");
    }

    @Test
    void a_failed_inspection_refunds_the_reduced_amount_or_nothing_until_a_reviewer_decides() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", RefundType.RETURN_AND_REFUND,
                Money.of("1000", "CNY"), Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0), "agent", "CUSTOMER_SERVICE");
        given(assigned(applicationId, "reviewer2", null, T0), "admin", "ADMIN");
        given(approved(applicationId, "1000", T0.plusSeconds(60)), "reviewer2", "REVIEWER");
        given(returnAuthorized(applicationId, T0.plusSeconds(60)), "reviewer2", "REVIEWER");
        given(returnReceived(applicationId, T0.plusSeconds(120)), "agent", "CUSTOMER_SERVICE");
        String other = newApplicationId();
        given(submitted(other, newApplicationNumber(), "customer-1", "order-1", RefundType.RETURN_AND_REFUND,
                Money.of("1000", "CNY"), Money.of("1000", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0), "agent", "CUSTOMER_SERVICE");
        given(approved(other, "1000", T0.plusSeconds(60)), "reviewer2", "REVIEWER");
        given(returnAuthorized(other, T0.plusSeconds(60)), "reviewer2", "REVIEWER");
        given(returnReceived(other, T0.plusSeconds(120)), "agent", "CUSTOMER_SERVICE");

        Instant inspectedAt = T0.plusSeconds(180);
        given(inspected(applicationId, InspectionOutcome.FAILED, null, inspectedAt), "reviewer2", "REVIEWER");
        given(inspected(other, InspectionOutcome.FAILED, Money.of("400", "CNY"), inspectedAt), "reviewer2", "REVIEWER");

        RefundProgressView nothingLeft = progress();
        assertStage(nothingLeft, RefundStatus.RETURN_RECEIVED, OwnerRole.REVIEWER, "reviewer2",
                ExpectedAction.DECISION_AFTER_INSPECTION, null, inspectedAt);
        assertThat(nothingLeft.amountToRefund()).isEqualTo(new MoneyView("0.00", "CNY"));
        RefundProgressView reduced = store.findById(other).orElseThrow();
        assertStage(reduced, RefundStatus.RETURN_RECEIVED, OwnerRole.FINANCE, null, ExpectedAction.PAYOUT,
                inspectedAt.plus(PAYOUT_DEADLINE), inspectedAt);
        assertThat(reduced.amountToRefund()).isEqualTo(new MoneyView("400.00", "CNY"));
        assertThat(reduced.approvedAmount()).as("what was approved stays on record").isEqualTo(new MoneyView("1000.00", "CNY"));
    }

    @Test
    void a_withdrawn_application_is_held_by_no_one() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", T0), "agent", "CUSTOMER_SERVICE");
        given(withdrawn(applicationId, T0.plusSeconds(30)), "agent", "CUSTOMER_SERVICE");

        RefundProgressView view = progress();
        assertThat(view.status()).isEqualTo(RefundStatus.WITHDRAWN);
        assertThat(view.currentOwner()).isNull();
        assertThat(view.nextStep()).isNull();
        assertThat(view.inCurrentStepSince()).isEqualTo(T0.plusSeconds(30));
        assertThat(view.timeline()).last().isEqualTo(
                new TimelineStep(ProgressStep.WITHDRAWN, T0.plusSeconds(30), "Customer kept the product", "agent"));
    }

    @Test
    void a_notification_is_listed_but_is_not_a_step() {
        given(submitted(applicationId, applicationNumber, "customer-1", "order-1", T0), "agent", "CUSTOMER_SERVICE");
        given(notified(applicationId, "n-7", "refund-received", T0.plusSeconds(5)), "agent", "CUSTOMER_SERVICE");

        RefundProgressView view = progress();
        assertThat(view.notifications()).extracting(NotificationView::template).containsExactly("refund-received");
        assertThat(view.timeline()).hasSize(1);
        assertThat(view.lastUpdatedAt()).isEqualTo(T0);
        assertThat(view.lastAppliedPosition()).isEqualTo(position);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void given(Object event, String actor, String roles) {
        feed.deliver(++position, event, by(actor, roles));
    }

    private RefundProgressView progress() {
        return store.findById(applicationId).orElseThrow(() -> new AssertionError("no progress view for " + applicationId));
    }

    private static void assertStage(RefundProgressView view, RefundStatus status, OwnerRole owner, String ownerId,
                                    ExpectedAction next, Instant dueBy, Instant since) {
        assertThat(view.status()).as("status").isEqualTo(status);
        assertThat(view.currentOwner()).as("who holds it").isEqualTo(new CurrentOwner(owner, ownerId));
        assertThat(view.nextStep()).as("what is expected next, by when").isEqualTo(new NextStep(next, dueBy));
        assertThat(view.inCurrentStepSince()).as("since when").isEqualTo(since);
    }

    private List<Document> financeLists() {
        List<Document> all = new ArrayList<>();
        for (String collection : List.of(RefundsByStatusStore.DAYS, RefundsByStatusStore.SUMMARY)) {
            database.getCollection(collection).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }
}
