package io.refundledger.query.balance;

import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's account balance (账户余额) from refunds paid out as balance: what they hold per currency and
 * every credit behind it. Stored as-is in {@code account_balances} ({@code _id} = customer id).
 *
 * @param balances            one per currency, sorted by currency code
 * @param lastAppliedPosition global position of the last event applied to this customer's balance
 */
public record AccountBalanceView(String customerId, List<MoneyView> balances, List<Credit> credits, Instant lastCreditedAt,
                                 long lastAppliedPosition) {

    public AccountBalanceView {
        Objects.requireNonNull(customerId, "customerId");
        balances = balances == null ? List.of() : List.copyOf(balances);
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    /** One refund credited to the balance. */
    public record Credit(String applicationId, String applicationNumber, String payoutId, MoneyView amount,
                         Instant creditedAt) {
    }
}
