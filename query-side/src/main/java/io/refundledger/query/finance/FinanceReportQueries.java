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
    private final PayoutListsStore payoutLists;
    private final Clock clock;
    private final ZoneId businessZone;

    public FinanceReportQueries(FinanceReportsStore store, UnpaidQueueStore unpaid, PayoutListsStore payoutLists,
                                ObjectProvider<Clock> clock, @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this.store = store;
        this.unpaid = unpaid;
        this.payoutLists = payoutLists;
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

    /**
     * Groups and total from the summaries of the lists the filters let through, a page from the days it falls in:
     * a bounded read however many payouts the period holds.
     */
    public PayoutListView answer(ListPayouts question) {
        Map<String, List<DayBucketedList.DaySummary>> summaries = payoutLists.summaries(question.status(), question.method());
        String from = question.period().from().toString();
        String to = question.period().to().toString();
        java.util.function.Predicate<String> inPeriod = day -> day.compareTo(from) >= 0 && day.compareTo(to) <= 0;
        List<PayoutListView.Group> groups = new ArrayList<>();
        summaries.forEach((list, days) -> days.stream().filter(d -> inPeriod.test(d.day())).forEach(d ->
                d.counts().forEach((currency, count) -> {
                    if (count > 0) {
                        groups.add(new PayoutListView.Group(LocalDate.parse(d.day()), PayoutListsStore.statusOf(list),
                                PayoutListsStore.methodOf(list), currency, count,
                                MoneyView.of(new Money(d.amounts().get(currency), currency))));
                    }
                })));
        groups.sort(Comparator.comparing(PayoutListView.Group::day).thenComparing(PayoutListView.Group::status)
                .thenComparing(g -> String.valueOf(g.method())).thenComparing(PayoutListView.Group::currency));
        DayBucketedList.Page page = payoutLists.lists().page(summaries, inPeriod, question.page().offset(),
                question.page().limit());
        Map<String, PayoutEntry> entries = new HashMap<>();
        store.payouts(page.members().stream().map(DayBucketedList.Member::id).toList())
                .forEach(p -> entries.put(p.payoutId(), p));
        List<PayoutListView.Line> lines = page.members().stream().map(m -> entries.get(m.id()))
                .filter(java.util.Objects::nonNull).map(PayoutListView.Line::of).toList();
        return new PayoutListView(question.period().from(), question.period().to(), question.status(), question.method(),
                page.total(), question.page().offset(), question.page().limit(), groups, lines);
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
        List<DayTotals> cells = question.granularity() == Granularity.DAY ? store.totalsOn(question.period().days())
                : store.totalsByMonth(question.period().from(), question.period().to());
        for (DayTotals day : cells) {
            String period = question.granularity() == Granularity.DAY ? day.day() : FinanceReportsStore.monthOf(day.day());
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
