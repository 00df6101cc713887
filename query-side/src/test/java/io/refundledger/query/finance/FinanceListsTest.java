package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressProjection;
import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.refund.RefundProgressView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.common.DayBucketedList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finance's lists: membership follows each application across statuses, survives redelivery and the gap
 * between the list write and the view write, and a list comes back sorted by time in state, paged.
 */
class FinanceListsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final Money AMOUNT = Money.of("1200", "CNY");

    private MongoDatabase database;
    private RefundsByStatusStore lists;
    private RefundProgressStore views;
    private FinanceRefundQueries queries;
    private EventFeed feed;
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        lists = new RefundsByStatusStore(database, java.time.ZoneId.of("Asia/Shanghai"));
        views = new RefundProgressStore(database);
        queries = new FinanceRefundQueries(lists, views);
        feed = new EventFeed(new RefundProgressProjection(views, lists, Duration.ofDays(3)));
    }

    @Test
    void a_plain_refund_moves_from_approved_to_payout_in_progress_to_failed_and_leaves_every_list_once_paid() {
        String id = submittedRefund(T0);
        assertThat(membership()).as("in review: on no finance list").allSatisfy((list, ids) -> assertThat(ids).isEmpty());

        given(approved(id, "1200", T0.plusSeconds(60)));
        assertThat(membersOf(FinanceQueue.APPROVED)).containsExactly(id);

        given(payoutStarted(id, "p-1", AMOUNT, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(120)));
        assertThat(membersOf(FinanceQueue.APPROVED)).isEmpty();
        assertThat(membersOf(FinanceQueue.PAYOUT_IN_PROGRESS)).containsExactly(id);

        given(payoutFailed(id, "p-1", "Card expired", T0.plusSeconds(180)));
        assertThat(membersOf(FinanceQueue.PAYOUT_IN_PROGRESS)).isEmpty();
        assertThat(membersOf(FinanceQueue.PAYOUT_FAILED)).containsExactly(id);
        FinanceRefundListView.Item failed = queries.answer(ListRefundsByStatus.of("PAYOUT_FAILED", null, null)).items().get(0);
        assertThat(failed.payoutAttempts()).isEqualTo(1);
        assertThat(failed.lastFailureReason()).isEqualTo("Card expired");
        assertThat(failed.inCurrentStepSince()).isEqualTo(T0.plusSeconds(180));

        given(payoutStarted(id, "p-2", AMOUNT, PayoutMethod.BANK_TRANSFER, 2, T0.plusSeconds(240)));
        assertThat(membersOf(FinanceQueue.PAYOUT_FAILED)).isEmpty();
        assertThat(membersOf(FinanceQueue.PAYOUT_IN_PROGRESS)).containsExactly(id);

        given(payoutSucceeded(id, "p-2", AMOUNT, PayoutMethod.BANK_TRANSFER, T0.plusSeconds(300)));
        assertThat(membership()).as("paid: on no list").allSatisfy((list, ids) -> assertThat(ids).isEmpty());
    }

    @Test
    void a_four_eyes_application_waits_on_the_second_approval_list_and_a_rejection_takes_it_off() {
        String id = submittedRefund(T0);
        given(firstApproval(id, "1200", T0.plusSeconds(60)));
        assertThat(membersOf(FinanceQueue.AWAITING_SECOND_APPROVAL)).containsExactly(id);
        assertThat(queries.answer(ListRefundsByStatus.of("awaiting_second_approval", null, null)).items())
                .extracting(FinanceRefundListView.Item::amountToRefund).containsExactly(new MoneyView("1200.00", "CNY"));

        given(rejected(id, T0.plusSeconds(120)));
        assertThat(membership()).allSatisfy((list, ids) -> assertThat(ids).isEmpty());
    }

    @Test
    void a_return_is_awaiting_payout_only_once_its_goods_passed_inspection() {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", RefundType.RETURN_AND_REFUND, AMOUNT, AMOUNT,
                PayoutMethod.ORIGINAL_PAYMENT, T0));
        given(approved(id, "1200", T0.plusSeconds(60)));
        assertThat(membersOf(FinanceQueue.APPROVED)).as("approved, but the goods are not back").isEmpty();
        given(returnAuthorized(id, T0.plusSeconds(60)));
        given(returnReceived(id, T0.plusSeconds(120)));
        assertThat(membersOf(FinanceQueue.APPROVED)).as("received, not inspected").isEmpty();

        given(inspected(id, InspectionOutcome.PASSED, null, T0.plusSeconds(180)));

        FinanceRefundListView list = queries.answer(ListRefundsByStatus.of("APPROVED", null, null));
        assertThat(list.items()).singleElement().satisfies(item -> {
            assertThat(item.applicationId()).isEqualTo(id);
            assertThat(item.status()).isEqualTo(RefundStatus.RETURN_RECEIVED);
            assertThat(item.inCurrentStepSince()).isEqualTo(T0.plusSeconds(180));
            assertThat(item.nextStep().dueBy()).isEqualTo(T0.plusSeconds(180).plus(Duration.ofDays(3)));
        });
    }

    @Test
    void redelivered_events_leave_each_application_on_one_list() {
        String id = submittedRefund(T0);
        given(approved(id, "1200", T0.plusSeconds(60)));
        given(payoutStarted(id, "p-1", AMOUNT, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(120)));
        Map<String, Document> before = storedLists();

        feed.redeliverAll();

        assertThat(storedLists()).isEqualTo(before);
        assertThat(membersOf(FinanceQueue.PAYOUT_IN_PROGRESS)).containsExactly(id);
    }

    @Test
    void a_crash_between_the_list_move_and_the_view_write_shows_nothing_wrong_and_the_redelivery_completes_it() {
        String id = submittedRefund(T0);
        given(approved(id, "1200", T0.plusSeconds(60)));
        RefundProgressView approvedView = views.findById(id).orElseThrow();
        // The projection moved the application to the next list, then died before writing the view.
        RefundProgressView payingView = fold(approvedView, payoutStarted(id, "p-1", AMOUNT, PayoutMethod.ORIGINAL_PAYMENT, 1,
                T0.plusSeconds(120)), position + 1);
        lists.move(approvedView, payingView, position + 1);

        assertThat(queries.answer(ListRefundsByStatus.of("PAYOUT_IN_PROGRESS", null, null)).items())
                .as("its view still says APPROVED").isEmpty();
        // Its total counts it already: totals come from the list's summary, which the move has updated.
        assertThat(queries.answer(ListRefundsByStatus.of("PAYOUT_IN_PROGRESS", null, null)).total()).isEqualTo(1);

        given(payoutStarted(id, "p-1", AMOUNT, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(120)));

        assertThat(queries.answer(ListRefundsByStatus.of("PAYOUT_IN_PROGRESS", null, null)).items())
                .extracting(FinanceRefundListView.Item::applicationId).containsExactly(id);
        assertThat(queries.answer(ListRefundsByStatus.of("PAYOUT_IN_PROGRESS", null, null)).total()).isEqualTo(1);
        assertThat(queries.answer(ListRefundsByStatus.of("APPROVED", null, null)).total()).isZero();
        assertThat(membersOf(FinanceQueue.APPROVED)).isEmpty();
    }

    @Test
    void a_list_is_sorted_by_time_in_state_longest_first_and_paged() {
        String approvedThird = submittedRefund(T0);
        String approvedFirst = submittedRefund(T0);
        String approvedSecond = submittedRefund(T0);
        given(approved(approvedFirst, "1200", T0.plusSeconds(10)));
        given(approved(approvedThird, "1200", T0.plusSeconds(30)));
        given(approved(approvedSecond, "1200", T0.plusSeconds(20)));

        FinanceRefundListView all = queries.answer(ListRefundsByStatus.of(null, null, null));
        assertThat(all.status()).as("the payout worklist by default").isEqualTo(FinanceQueue.APPROVED);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(FinanceRefundListView.Item::applicationId)
                .containsExactly(approvedFirst, approvedSecond, approvedThird);

        FinanceRefundListView secondPage = queries.answer(ListRefundsByStatus.of("APPROVED", 2, 1));
        assertThat(secondPage.total()).isEqualTo(3);
        assertThat(secondPage.offset()).isEqualTo(1);
        assertThat(secondPage.limit()).isEqualTo(2);
        assertThat(secondPage.items()).extracting(FinanceRefundListView.Item::applicationId)
                .containsExactly(approvedSecond, approvedThird);
        assertThat(queries.answer(ListRefundsByStatus.of("APPROVED", 10, 3)).items()).isEmpty();
    }

    @Test
    void a_reset_empties_every_list() {
        String id = submittedRefund(T0);
        given(approved(id, "1200", T0.plusSeconds(60)));

        feed.reset();

        for (String collection : lists.collections()) {
            assertThat(database.getCollection(collection).countDocuments()).isZero();
        }
    }

    @Test
    void an_unknown_status_or_a_page_out_of_bounds_is_invalid_input_naming_the_parameter() {
        assertInvalid(() -> ListRefundsByStatus.of("PAID", null, null), "status");
        assertInvalid(() -> ListRefundsByStatus.of("NO_SUCH_STATUS", null, null), "status");
        assertInvalid(() -> ListRefundsByStatus.of("APPROVED", 0, null), "limit");
        assertInvalid(() -> ListRefundsByStatus.of("APPROVED", ListRefundsByStatus.MAX_LIMIT + 1, null), "limit");
        assertInvalid(() -> ListRefundsByStatus.of("APPROVED", null, -1), "offset");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String submittedRefund(Instant at) {
        String id = newApplicationId();
        given(submitted(id, newApplicationNumber(), "customer-1", "order-1", at));
        return id;
    }

    private void given(Object event) {
        feed.deliver(++position, event);
    }

    private List<String> membersOf(FinanceQueue queue) {
        return lists.page(queue, 0, 1000).members().stream().map(DayBucketedList.Member::id).toList();
    }

    /** Every list: its name → its member ids. */
    private Map<String, List<String>> membership() {
        Map<String, List<String>> members = new java.util.TreeMap<>();
        for (FinanceQueue queue : FinanceQueue.values()) {
            members.put(queue.name(), membersOf(queue));
        }
        return members;
    }

    /** Every list document as stored, by collection and id. */
    private Map<String, Document> storedLists() {
        Map<String, Document> stored = new java.util.TreeMap<>();
        for (String collection : lists.collections()) {
            for (Document entry : database.getCollection(collection).find()) {
                stored.put(collection + "/" + entry.getString("_id"), entry);
            }
        }
        return stored;
    }

    private RefundProgressView fold(RefundProgressView view, Object event, long at) {
        return new io.refundledger.query.refund.RefundProgressFold(Duration.ofDays(3)).apply(view, event, "finance", at);
    }

    private static void assertInvalid(Runnable question, String field) {
        assertThatThrownBy(question::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
