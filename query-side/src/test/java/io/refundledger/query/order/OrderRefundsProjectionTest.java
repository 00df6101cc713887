package io.refundledger.query.order;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import io.refundledger.query.order.OrderRefundsView.Application;
import io.refundledger.query.order.OrderRefundsView.CurrencyTotals;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.released;
import static io.refundledger.query.refund.RefundEvents.reserved;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** An order's refunds summed across its applications and currencies, from refund events and the order ledger. */
class OrderRefundsProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");
    private static final String ORDER = "SO-20261101-7";

    private MongoDatabase database;
    private OrderRefundsStore store;
    private OrderRefundQueries queries;
    private EventFeed feed;
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        store = new OrderRefundsStore(database);
        queries = new OrderRefundQueries(store);
        feed = new EventFeed(new OrderRefundsProjection(store));
    }

    @Test
    void an_order_shows_every_application_and_totals_per_currency() {
        String paidOut = newApplicationId();
        String rejectedOne = newApplicationId();
        String withdrawnUsd = newApplicationId();
        Money paidCny = Money.of("1000.00", "CNY");
        Money paidUsd = Money.of("100.00", "USD");
        given(submitted(paidOut, newApplicationNumber(), "customer-1", ORDER, RefundType.REFUND_ONLY, paidCny,
                Money.of("300", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0));
        given(submitted(rejectedOne, newApplicationNumber(), "customer-1", ORDER, RefundType.REFUND_ONLY, paidCny,
                Money.of("200", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(10)));
        given(submitted(withdrawnUsd, newApplicationNumber(), "customer-1", ORDER, RefundType.REFUND_ONLY, paidUsd,
                Money.of("50", "USD"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(20)));

        given(reserved(ORDER, paidOut, Money.of("300", "CNY"), paidCny, Money.of("300", "CNY"), T0.plusSeconds(60)));
        given(approved(paidOut, "300", T0.plusSeconds(60)));
        given(rejected(rejectedOne, T0.plusSeconds(70)));
        given(reserved(ORDER, withdrawnUsd, Money.of("50", "USD"), paidUsd, Money.of("50", "USD"), T0.plusSeconds(80)));
        given(approved(withdrawnUsd, Money.of("50", "USD"), T0.plusSeconds(80)));

        OrderRefundsView beforePayout = queries.answer(new FindOrderRefunds(ORDER));
        assertThat(beforePayout.totals()).containsExactly(
                new CurrencyTotals("CNY", money("1000.00", "CNY"), money("300.00", "CNY"), money("300.00", "CNY"),
                        money("300.00", "CNY"), money("0.00", "CNY"), money("700.00", "CNY")),
                new CurrencyTotals("USD", money("100.00", "USD"), money("50.00", "USD"), money("50.00", "USD"),
                        money("50.00", "USD"), money("0.00", "USD"), money("50.00", "USD")));

        given(payoutStarted(paidOut, "p-1", Money.of("300", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(90)));
        given(payoutSucceeded(paidOut, "p-1", Money.of("300", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(100)));
        given(released(ORDER, withdrawnUsd, Money.of("50", "USD"), Money.of("0", "USD"), T0.plusSeconds(110)));
        given(withdrawn(withdrawnUsd, T0.plusSeconds(110)));

        OrderRefundsView view = queries.answer(new FindOrderRefunds(ORDER));
        assertThat(view.orderId()).isEqualTo(ORDER);
        assertThat(view.totals()).containsExactly(
                new CurrencyTotals("CNY", money("1000.00", "CNY"), money("300.00", "CNY"), money("300.00", "CNY"),
                        money("300.00", "CNY"), money("300.00", "CNY"), money("700.00", "CNY")),
                new CurrencyTotals("USD", money("100.00", "USD"), money("0.00", "USD"), money("0.00", "USD"),
                        money("0.00", "USD"), money("0.00", "USD"), money("100.00", "USD")));
        assertThat(view.applications()).extracting(Application::applicationId, Application::status, Application::paidOutAmount)
                .containsExactly(
                        tuple(paidOut, RefundStatus.PAID, money("300.00", "CNY")),
                        tuple(rejectedOne, RefundStatus.REJECTED, null),
                        tuple(withdrawnUsd, RefundStatus.WITHDRAWN, null));
        assertThat(view.lastUpdatedAt()).isEqualTo(T0.plusSeconds(110));
        assertThat(view.lastAppliedPosition()).isEqualTo(position);
    }

    @Test
    void an_inspection_that_reduces_the_amount_lowers_approved_and_the_release_lowers_reserved() {
        String id = newApplicationId();
        Money paid = Money.of("1000", "CNY");
        given(submitted(id, newApplicationNumber(), "customer-1", ORDER, RefundType.RETURN_AND_REFUND, paid, paid,
                PayoutMethod.ORIGINAL_PAYMENT, T0));
        given(reserved(ORDER, id, paid, paid, paid, T0.plusSeconds(60)));
        given(approved(id, "1000", T0.plusSeconds(60)));
        given(returnAuthorized(id, T0.plusSeconds(60)));
        given(returnReceived(id, T0.plusSeconds(120)));
        given(released(ORDER, id, Money.of("600", "CNY"), Money.of("400", "CNY"), T0.plusSeconds(180)));
        given(inspected(id, InspectionOutcome.FAILED, Money.of("400", "CNY"), T0.plusSeconds(180)));

        OrderRefundsView view = queries.answer(new FindOrderRefunds(ORDER));
        assertThat(view.applications()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(RefundStatus.RETURN_RECEIVED);
            assertThat(a.approvedAmount()).isEqualTo(money("400.00", "CNY"));
            assertThat(a.reservedAmount()).isEqualTo(money("400.00", "CNY"));
        });
        assertThat(view.totals()).singleElement().satisfies(t -> {
            assertThat(t.approved()).isEqualTo(money("400.00", "CNY"));
            assertThat(t.reserved()).isEqualTo(money("400.00", "CNY"));
            assertThat(t.stillRefundable()).isEqualTo(money("600.00", "CNY"));
        });
    }

    @Test
    void redelivery_changes_nothing_and_a_reset_rebuilds_the_same_summary() {
        String id = newApplicationId();
        Money paid = Money.of("500", "CNY");
        given(submitted(id, newApplicationNumber(), "customer-1", ORDER, RefundType.REFUND_ONLY, paid, paid,
                PayoutMethod.ORIGINAL_PAYMENT, T0));
        given(reserved(ORDER, id, paid, paid, paid, T0.plusSeconds(60)));
        given(approved(id, "500", T0.plusSeconds(60)));
        given(payoutSucceeded(id, "p-1", paid, PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(90)));
        OrderRefundsView built = queries.answer(new FindOrderRefunds(ORDER));

        feed.redeliverAll();
        assertThat(queries.answer(new FindOrderRefunds(ORDER))).isEqualTo(built);
        assertThat(built.totals().get(0).paidOut()).as("paid out once").isEqualTo(money("500.00", "CNY"));
        assertThat(built.totals().get(0).reserved()).as("reserved once").isEqualTo(money("500.00", "CNY"));

        feed.reset();
        assertThat(database.getCollection(OrderRefundsStore.SUMMARIES).countDocuments()).isZero();
        assertThat(database.getCollection(OrderRefundsStore.APPLICATION_ORDERS).countDocuments()).isZero();
        feed.delivered().forEach(d -> feed.deliver(d.token(), d.payload(), d.metaData()));
        assertThat(queries.answer(new FindOrderRefunds(ORDER))).isEqualTo(built);
    }

    @Test
    void an_order_without_applications_is_not_found_and_a_blank_order_id_is_invalid() {
        assertThatThrownBy(() -> queries.answer(new FindOrderRefunds("SO-unknown")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("ORDER_REFUNDS_NOT_FOUND");
                });
        assertThatThrownBy(() -> new FindOrderRefunds(" "))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("orderId"));
    }

    private void given(Object event) {
        feed.deliver(++position, event);
    }

    private static MoneyView money(String amount, String currency) {
        return new MoneyView(amount, currency);
    }
}
