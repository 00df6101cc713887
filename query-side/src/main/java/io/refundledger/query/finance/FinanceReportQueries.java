package io.refundledger.query.finance;

import io.refundledger.events.common.Money;
import io.refundledger.query.common.DayBucketedList;
import io.refundledger.query.finance.ReportTotals.Granularity;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers finance's report questions from {@link FinanceReportsStore}: a membership or day-index document by
 * {@code _id}, then its members by {@code _id $in}; sorting, grouping and paging happen in memory.
 */
@Service
public class FinanceReportQueries {

    static final Comparator<PayoutEntry> OLDEST_FIRST = Comparator
            .comparing(PayoutEntry::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(PayoutEntry::payoutId);

    private final FinanceReportsStore store;
    private final UnpaidQueueStore unpaid;
    private final Clock clock;
    private final ZoneId businessZone;

    public FinanceReportQueries(FinanceReportsStore store, UnpaidQueueStore unpaid, ObjectProvider<Clock> clock,
                                @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this.store = store;
        this.unpaid = unpaid;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.businessZone = ZoneId.of(businessZone);
    }

    public ZoneId businessZone() {
        return businessZone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), businessZone);
    }

    /** A page of the queue and its totals, from its per-day summary and the days the page falls in. */
    public ApprovedUnpaidView answer(ListApprovedUnpaid question) {
        Instant now = clock.instant();
        DayBucketedList.Page page = unpaid.page(question.page().offset(), question.page().limit());
        Map<String, FinanceApplication> applications = new HashMap<>();
        store.applications(page.members().stream().map(DayBucketedList.Member::id).toList())
                .forEach(a -> applications.put(a.applicationId(), a));
        List<ApprovedUnpaidView.Item> items = page.members().stream().map(member -> {
            FinanceApplication a = applications.getOrDefault(member.id(), FinanceApplication.unknown(member.id()));
            Duration age = Duration.between(member.sortAt(), now);
            MoneyView amount = member.amount() == null ? null : new MoneyView(member.amount(), member.currency());
            return new ApprovedUnpaidView.Item(member.id(), member.tieBreaker(), a.customerId(), a.orderId(), a.type(),
                    amount, a.payoutMethod(), member.sortAt(), age.toString(), age.toHours(), a.payoutAttempts(),
                    a.lastPayoutStatus(), a.lastFailureReason());
        }).toList();
        List<MoneyView> toPay = page.amounts().entrySet().stream()
                .map(e -> MoneyView.of(new Money(e.getValue(), e.getKey()))).toList();
        return new ApprovedUnpaidView(page.total(), question.page().offset(), question.page().limit(), now, toPay, items);
    }

    public PayoutListView answer(ListPayouts question) {
        List<PayoutEntry> payouts = payoutsIn(question.period()).stream()
                .filter(p -> question.status() == null || p.status() == question.status())
                .filter(p -> question.method() == null || p.method() == question.method())
                .toList();
        Map<List<Object>, PayoutListView.Group> groups = new LinkedHashMap<>();
        for (PayoutEntry p : payouts) {
            List<Object> key = List.of(p.day(), p.status(), String.valueOf(p.method()), p.amount().currency());
            groups.merge(key, new PayoutListView.Group(LocalDate.parse(p.day()), p.status(), p.method(),
                    p.amount().currency(), 1, p.amount()), (a, b) -> new PayoutListView.Group(a.day(), a.status(),
                    a.method(), a.currency(), a.count() + b.count(), MoneyView.of(a.amount().toMoney().plus(b.amount().toMoney()))));
        }
        List<PayoutListView.Group> grouped = groups.values().stream()
                .sorted(Comparator.comparing(PayoutListView.Group::day).thenComparing(PayoutListView.Group::status)
                        .thenComparing(g -> String.valueOf(g.method())).thenComparing(PayoutListView.Group::currency))
                .toList();
        List<PayoutListView.Line> page = payouts.stream().skip(question.page().offset()).limit(question.page().limit())
                .map(PayoutListView.Line::of).toList();
        return new PayoutListView(question.period().from(), question.period().to(), question.status(), question.method(),
                payouts.size(), question.page().offset(), question.page().limit(), grouped, page);
    }

    /** Every attempt started in the period, oldest first: what the CSV export writes. */
    public List<PayoutEntry> payoutsIn(ReportPeriod period) {
        List<PayoutEntry> payouts = new ArrayList<>(store.payouts(store.payoutIdsOn(period.days())));
        payouts.sort(OLDEST_FIRST);
        return payouts;
    }

    public FinanceTotalsView answer(ReportTotals question) {
        Map<String, Map<String, Sum>> byPeriod = new TreeMap<>();
        Map<String, Sum> overall = new TreeMap<>();
        for (DayTotals day : store.totalsOn(question.period().days())) {
            String period = question.granularity() == Granularity.DAY ? day.day() : day.day().substring(0, 7);
            byPeriod.computeIfAbsent(period, p -> new TreeMap<>()).computeIfAbsent(day.currency(), Sum::new).add(day);
            overall.computeIfAbsent(day.currency(), Sum::new).add(day);
        }
        List<FinanceTotalsView.Row> rows = new ArrayList<>();
        byPeriod.forEach((period, currencies) -> currencies.values().forEach(sum -> rows.add(sum.row(period))));
        List<FinanceTotalsView.Row> totals = overall.values().stream().map(sum -> sum.row("total")).toList();
        return new FinanceTotalsView(question.granularity(), question.period().from(), question.period().to(),
                businessZone.getId(), rows, totals);
    }

    private static final class Sum {
        final String currency;
        long approvedCount;
        BigDecimal approved = BigDecimal.ZERO;
        long paidOutCount;
        BigDecimal paidOut = BigDecimal.ZERO;
        long failedCount;
        BigDecimal failed = BigDecimal.ZERO;

        Sum(String currency) {
            this.currency = currency;
        }

        void add(DayTotals day) {
            approvedCount += day.approvedCount();
            approved = approved.add(new BigDecimal(day.approvedAmount()));
            paidOutCount += day.paidOutCount();
            paidOut = paidOut.add(new BigDecimal(day.paidOutAmount()));
            failedCount += day.failedCount();
            failed = failed.add(new BigDecimal(day.failedAmount()));
        }

        FinanceTotalsView.Row row(String period) {
            return new FinanceTotalsView.Row(period, currency, approvedCount, money(approved), paidOutCount, money(paidOut),
                    failedCount, money(failed));
        }

        private MoneyView money(BigDecimal amount) {
            return MoneyView.of(new Money(amount, currency));
        }
    }
}
