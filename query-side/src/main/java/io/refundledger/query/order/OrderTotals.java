package io.refundledger.query.order;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.query.order.OrderRefundsView.Application;
import io.refundledger.query.order.OrderRefundsView.CurrencyTotals;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/** Sums an order's applications per currency. Pure. */
final class OrderTotals {

    private OrderTotals() {
    }

    /** @param paid what was paid for the order, per currency, as far as known */
    static List<CurrencyTotals> of(Map<String, MoneyView> paid, List<Application> applications) {
        Set<String> currencies = new TreeSet<>(paid.keySet());
        applications.stream()
                .flatMap(a -> Stream.of(a.requestedAmount(), a.approvedAmount(), a.reservedAmount(), a.paidOutAmount()))
                .filter(Objects::nonNull)
                .forEach(amount -> currencies.add(amount.currency()));
        List<Application> live = applications.stream().filter(OrderTotals::live).toList();
        List<CurrencyTotals> totals = new ArrayList<>();
        for (String currency : currencies) {
            Money reserved = sum(applications, Application::reservedAmount, currency);
            MoneyView paidInCurrency = paid.get(currency);
            totals.add(new CurrencyTotals(currency,
                    paidInCurrency,
                    MoneyView.of(sum(live, Application::requestedAmount, currency)),
                    MoneyView.of(sum(live, Application::approvedAmount, currency)),
                    MoneyView.of(reserved),
                    MoneyView.of(sum(applications, Application::paidOutAmount, currency)),
                    paidInCurrency == null ? null : MoneyView.of(paidInCurrency.toMoney().minus(reserved))));
        }
        return totals;
    }

    /** Rejected and withdrawn applications no longer ask for anything; what they had reserved is released. */
    private static boolean live(Application application) {
        return application.status() != RefundStatus.REJECTED && application.status() != RefundStatus.WITHDRAWN;
    }

    private static Money sum(List<Application> applications, Function<Application, MoneyView> amount, String currency) {
        Money total = Money.zero(currency);
        for (Application application : applications) {
            MoneyView value = amount.apply(application);
            if (value != null && value.currency().equals(currency)) {
                total = total.plus(value.toMoney());
            }
        }
        return total;
    }

    /** Paid per currency as recorded in stored totals, to carry it into the next computation. */
    static Map<String, MoneyView> paidOf(List<CurrencyTotals> totals) {
        Map<String, MoneyView> paid = new TreeMap<>();
        totals.stream().filter(t -> t.paid() != null).forEach(t -> paid.put(t.currency(), t.paid()));
        return paid;
    }
}
