package io.refundledger.query.analytics;

import io.refundledger.events.common.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Money sums per currency: never added across currencies, and a sum that returns to zero leaves no trace. */
class AmountsTest {

    @Test
    void different_currencies_are_kept_apart() {
        Amounts sum = Amounts.of(Money.of("1200", "CNY")).plus(Amounts.of(Money.of("50", "USD")))
                .plus(Amounts.of(Money.of("0.50", "CNY")));

        assertThat(sum.asStrings()).isEqualTo(Map.of("CNY", "1200.50", "USD", "50.00"));
    }

    @Test
    void taking_out_what_was_put_in_leaves_nothing() {
        Amounts cny = Amounts.of(Money.of("300", "CNY"));
        Amounts both = cny.plus(Amounts.of(Money.of("20", "USD")));

        assertThat(both.minus(cny).asStrings()).isEqualTo(Map.of("USD", "20.00"));
        assertThat(both.minus(cny).minus(Amounts.of(Money.of("20", "USD")))).isEqualTo(Amounts.NONE);
        assertThat(Amounts.fromDocument(both.toDocument())).isEqualTo(both);
    }

    @Test
    void shares_are_per_currency_of_the_whole() {
        Amounts whole = Amounts.of(Money.of("1000", "CNY")).plus(Amounts.of(Money.of("100", "USD")));
        Amounts part = Amounts.of(Money.of("250", "CNY"));

        assertThat(Shares.of(part, whole)).isEqualTo(Map.of("CNY", new BigDecimal("0.2500"), "USD", new BigDecimal("0.0000")));
        assertThat(Shares.of(1, 3)).isEqualTo(new BigDecimal("0.3333"));
        assertThat(Shares.of(0, 0)).isNull();
    }
}
