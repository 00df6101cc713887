package io.refundledger.query.balance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import io.refundledger.query.balance.AccountBalanceView.Credit;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refunds paid out as account balance are credited to the customer once, per currency. */
class AccountBalanceProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:15:00Z");

    private MongoDatabase database;
    private AccountBalanceStore store;
    private AccountBalanceQueries queries;
    private EventFeed feed;
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        store = new AccountBalanceStore(database);
        queries = new AccountBalanceQueries(store);
        feed = new EventFeed(new AccountBalanceProjection(store));
    }

    @Test
    void a_payout_to_the_account_balance_is_credited_with_the_application_it_came_from() {
        String number = newApplicationNumber();
        String id = application("customer-1", number, "CNY");
        given(payoutSucceeded(id, "p-1", Money.of("199.90", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0.plusSeconds(60)));

        AccountBalanceView balance = queries.answer(new FindAccountBalance("customer-1"));
        assertThat(balance.balances()).containsExactly(new MoneyView("199.90", "CNY"));
        assertThat(balance.credits()).containsExactly(
                new Credit(id, number, "p-1", new MoneyView("199.90", "CNY"), T0.plusSeconds(60)));
        assertThat(balance.lastCreditedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(balance.lastAppliedPosition()).isEqualTo(position);
    }

    @Test
    void credits_add_up_per_currency_and_other_payout_methods_are_not_credited() {
        String first = application("customer-1", newApplicationNumber(), "CNY");
        String second = application("customer-1", newApplicationNumber(), "CNY");
        String inUsd = application("customer-1", newApplicationNumber(), "USD");
        String toTheCard = application("customer-1", newApplicationNumber(), "CNY");
        given(payoutSucceeded(first, "p-1", Money.of("100.50", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0));
        given(payoutSucceeded(second, "p-2", Money.of("49.50", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0));
        given(payoutSucceeded(inUsd, "p-3", Money.of("20", "USD"), PayoutMethod.ACCOUNT_BALANCE, T0));
        given(payoutSucceeded(toTheCard, "p-4", Money.of("999", "CNY"), PayoutMethod.ORIGINAL_PAYMENT, T0));

        AccountBalanceView balance = queries.answer(new FindAccountBalance("customer-1"));
        assertThat(balance.balances()).containsExactly(new MoneyView("150.00", "CNY"), new MoneyView("20.00", "USD"));
        assertThat(balance.credits()).extracting(Credit::payoutId).containsExactly("p-1", "p-2", "p-3");
    }

    @Test
    void a_payout_is_credited_once_whether_its_event_comes_again_or_it_is_reported_twice() {
        String id = application("customer-1", newApplicationNumber(), "CNY");
        given(payoutSucceeded(id, "p-1", Money.of("80", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0));
        AccountBalanceView credited = queries.answer(new FindAccountBalance("customer-1"));

        feed.redeliverAll();
        assertThat(queries.answer(new FindAccountBalance("customer-1"))).isEqualTo(credited);

        // The same payout id at a later position: still one credit.
        given(payoutSucceeded(id, "p-1", Money.of("80", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0.plusSeconds(5)));
        assertThat(queries.answer(new FindAccountBalance("customer-1")).balances()).containsExactly(new MoneyView("80.00", "CNY"));
        assertThat(queries.answer(new FindAccountBalance("customer-1")).credits()).hasSize(1);
    }

    @Test
    void a_reset_rebuilds_the_same_balances() {
        String id = application("customer-1", newApplicationNumber(), "CNY");
        given(payoutSucceeded(id, "p-1", Money.of("80", "CNY"), PayoutMethod.ACCOUNT_BALANCE, T0));
        AccountBalanceView built = queries.answer(new FindAccountBalance("customer-1"));

        feed.reset();
        assertThat(database.getCollection(AccountBalanceStore.BALANCES).countDocuments()).isZero();
        assertThat(database.getCollection(AccountBalanceStore.APPLICATION_CUSTOMERS).countDocuments()).isZero();
        feed.delivered().forEach(d -> feed.deliver(d.token(), d.payload(), d.metaData()));

        assertThat(queries.answer(new FindAccountBalance("customer-1"))).isEqualTo(built);
    }

    @Test
    void a_customer_never_credited_is_not_found_and_a_blank_id_is_invalid() {
        assertThatThrownBy(() -> queries.answer(new FindAccountBalance("customer-without-credits")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("ACCOUNT_BALANCE_NOT_FOUND");
                });
        assertThatThrownBy(() -> new FindAccountBalance(""))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("customerId"));
    }

    private String application(String customerId, String number, String currency) {
        String id = newApplicationId();
        Money amount = Money.of("1000", currency);
        given(submitted(id, number, customerId, "order-" + id, RefundType.REFUND_ONLY, amount, amount,
                PayoutMethod.ACCOUNT_BALANCE, T0));
        return id;
    }

    private void given(Object event) {
        feed.deliver(++position, event);
    }
}
