package io.refundledger.query.balance;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.query.balance.AccountBalanceStore.ApplicationOwner;
import io.refundledger.query.balance.AccountBalanceView.Credit;
import io.refundledger.query.common.BatchEvents;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Credits refunds paid out as account balance ({@link PayoutMethod#ACCOUNT_BALANCE}) to the customer's balance.
 *
 * <p>One customer's balance is changed by payouts of all their applications, which Axon may sequence on
 * different segments, so this processing group runs with one segment ({@code application.yml}): one writer,
 * events in global order. A credit is applied once: an event at or below the balance's last applied position
 * is skipped, and so is a payout id already credited (should the same payout ever be reported twice).
 */
@Component
@ProcessingGroup(AccountBalanceProjection.PROCESSING_GROUP)
public class AccountBalanceProjection {

    public static final String PROCESSING_GROUP = "account-balances";

    private final AccountBalanceStore store;

    public AccountBalanceProjection(AccountBalanceStore store) {
        this.store = store;
    }

    /**
     * Reads what a batch will need as it starts: its applications' owners, then the balances that its payouts to an
     * account balance credit (the owner known before, or named by a submission in the same batch).
     */
    public void readAhead(BatchEvents events) {
        store.prefetch(events.aggregateIds());
        Map<String, String> submittedBy = new HashMap<>();
        Set<String> customers = new LinkedHashSet<>();
        for (EventMessage<?> message : events.messages()) {
            if (message.getPayload() instanceof RefundApplicationSubmitted e) {
                submittedBy.put(e.applicationId(), e.customerId());
            } else if (message.getPayload() instanceof PayoutSucceeded e && e.method() == PayoutMethod.ACCOUNT_BALANCE) {
                String customer = submittedBy.get(e.applicationId());
                if (customer != null) {
                    customers.add(customer);
                } else {
                    store.ownerOf(e.applicationId()).ifPresent(owner -> customers.add(owner.customerId()));
                }
            }
        }
        store.prefetchBalances(customers);
    }

    @EventHandler
    void on(RefundApplicationSubmitted event) {
        // Every application is remembered: the payout method is settled only when the money goes out.
        store.rememberOwner(event.applicationId(), new ApplicationOwner(event.customerId(), event.applicationNumber()));
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        if (event.method() != PayoutMethod.ACCOUNT_BALANCE) {
            return;
        }
        long position = positionOf(token);
        ApplicationOwner owner = store.ownerOf(event.applicationId()).orElseThrow(() -> new IllegalStateException(
                "No customer known for refund application " + event.applicationId() + " at position " + position
                        + "; its submission must have been applied first"));
        AccountBalanceView current = store.find(owner.customerId())
                .orElse(new AccountBalanceView(owner.customerId(), List.of(), List.of(), null, 0));
        boolean alreadyCredited = current.credits().stream().anyMatch(c -> c.payoutId().equals(event.payoutId()));
        if (position <= current.lastAppliedPosition() || alreadyCredited) {
            return;
        }
        List<Credit> credits = new ArrayList<>(current.credits());
        credits.add(new Credit(event.applicationId(), owner.applicationNumber(), event.payoutId(),
                MoneyView.of(event.amount()), event.succeededAt()));
        store.save(new AccountBalanceView(owner.customerId(), balancesOf(credits), credits, event.succeededAt(), position));
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    /** Summed from the credits every time, so the balance can never drift from the entries behind it. */
    static List<MoneyView> balancesOf(List<Credit> credits) {
        Map<String, Money> byCurrency = new TreeMap<>();
        for (Credit credit : credits) {
            byCurrency.merge(credit.amount().currency(), credit.amount().toMoney(), Money::plus);
        }
        return byCurrency.values().stream().map(MoneyView::of).toList();
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
