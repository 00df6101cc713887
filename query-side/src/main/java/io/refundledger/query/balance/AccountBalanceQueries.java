package io.refundledger.query.balance;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.stereotype.Service;

/** Answers questions about customers' account balances. */
@Service
public class AccountBalanceQueries {

    private final AccountBalanceStore store;

    public AccountBalanceQueries(AccountBalanceStore store) {
        this.store = store;
    }

    public AccountBalanceView answer(FindAccountBalance question) {
        return store.find(question.customerId()).orElseThrow(() -> DomainException.notFound("ACCOUNT_BALANCE_NOT_FOUND",
                "No refund was ever credited to the account balance of customer " + question.customerId() + "."));
    }
}
