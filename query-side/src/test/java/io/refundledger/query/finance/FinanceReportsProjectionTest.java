package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundType;
import io.refundledger.query.finance.ReportTotals.Granularity;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static io.refundledger.query.refund.RefundEvents.newApplicationNumber;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance reports fed event by event: the approved-but-unpaid queue, payout lines, and day totals by currency in the
 * business zone (Asia/Shanghai, UTC+8), unchanged by redelivery and emptied by a reset.
 */
class FinanceReportsProjectionTest {

    /** 2026-11-23 10:00 in Shanghai. */
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final Money CNY_1200 = Money.of("1200", "CNY");
    private static final ReportPeriod NOVEMBER_23_TO_25 = new ReportPeriod(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-25"));

    private MongoDatabase database;
    private FinanceReportsStore store;
    private FinanceReportQueries queries;
    private UnpaidQueueStore unpaid;
    private EventFeed feed;
    private long position;

    @BeforeEach
    void emptyReadModel() {
        database = EventFeed.freshDatabase();
        store = new FinanceReportsStore(database);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        unpaid = new UnpaidQueueStore(database);
        PayoutListsStore payoutLists = new PayoutListsStore(database);
        queries = new FinanceReportQueries(store, unpaid, payoutLists, beans.getBeanProvider(Clock.class), "Asia/Shanghai");
        feed = new EventFeed(new FinanceReportsProjection(store, unpaid, payoutLists, "Asia/Shanghai"));
    }

    private void deliver(Object event) {
        feed.deliver(++position, event);
    }

    /**
     * A refund of 1,200 yuan approved at {@code yuanApproved}, and one of 80 dollars approved, its payout started and
     * paid at the other instants; answers the yuan refund's id.
     */
    private String yuanApprovedAndDollarsPaid(String yuanApproved, String dollarsApproved, String payoutStarted, String paid) {
        String yuan = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        String dollars = submittedRefund(RefundType.REFUND_ONLY, Money.of("80", "USD"));
        deliver(approved(yuan, CNY_1200, Instant.parse(yuanApproved)));
        deliver(approved(dollars, Money.of("80", "USD"), Instant.parse(dollarsApproved)));
        deliver(payoutStarted(dollars, "p-usd", Money.of("80", "USD"), PayoutMethod.THIRD_PARTY, 1, Instant.parse(payoutStarted)));
        deliver(payoutSucceeded(dollars, "p-usd", Money.of("80", "USD"), PayoutMethod.THIRD_PARTY, Instant.parse(paid)));
        return yuan;
    }

    private String submittedRefund(RefundType type, Money paid) {
        String id = newApplicationId();
        deliver(submitted(id, newApplicationNumber(), "customer-" + id.substring(0, 4), "order-" + id.substring(0, 4), type,
                paid, paid, PayoutMethod.ORIGINAL_PAYMENT, T0));
        return id;
    }

    @Test
    void anApplicationIsInTheUnpaidQueueFromApprovalUntilItsPayoutSucceedsOldestFirstWithItsAge() {
        String older = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        String newer = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        String paid = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        deliver(approved(newer, "1200", T0.plusSeconds(3_600)));
        deliver(approved(older, "1200", T0));
        deliver(approved(paid, "1200", T0));
        deliver(payoutStarted(older, "p-older-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(7_200)));
        deliver(payoutFailed(older, "p-older-1", "Card expired", T0.plusSeconds(7_300)));
        deliver(payoutStarted(paid, "p-paid-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(7_200)));
        deliver(payoutSucceeded(paid, "p-paid-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(7_400)));

        ApprovedUnpaidView queue = queries.answer(new ListApprovedUnpaid(Paging.of(null, null)));

        assertThat(queue.total()).isEqualTo(2);
        assertThat(queue.items()).extracting(ApprovedUnpaidView.Item::applicationId).containsExactly(older, newer);
        ApprovedUnpaidView.Item first = queue.items().get(0);
        assertThat(first.ageHours()).isEqualTo(48);
        assertThat(first.ageSinceApproval()).isEqualTo("PT48H");
        assertThat(first.payoutAttempts()).isEqualTo(1);
        assertThat(first.lastPayoutStatus()).isEqualTo(PayoutStatus.FAILED);
        assertThat(first.lastFailureReason()).isEqualTo("Card expired");
        assertThat(queue.totalToPay()).containsExactly(new MoneyView("2400.00", "CNY"));
    }

    @Test
    void exchangesWithdrawalsAndReturnsThatFailedInspectionLeaveTheQueue() {
        String exchange = submittedRefund(RefundType.EXCHANGE, CNY_1200);
        String withdrawnOne = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        String failedReturn = submittedRefund(RefundType.RETURN_AND_REFUND, CNY_1200);
        String reducedReturn = submittedRefund(RefundType.RETURN_AND_REFUND, CNY_1200);
        for (String id : List.of(exchange, withdrawnOne, failedReturn, reducedReturn)) {
            deliver(approved(id, "1200", T0));
        }
        deliver(withdrawn(withdrawnOne, T0.plusSeconds(60)));
        deliver(inspected(failedReturn, InspectionOutcome.FAILED, null, T0.plusSeconds(120)));
        deliver(rejected(failedReturn, T0.plusSeconds(180)));
        deliver(inspected(reducedReturn, InspectionOutcome.FAILED, Money.of("700", "CNY"), T0.plusSeconds(120)));

        ApprovedUnpaidView queue = queries.answer(new ListApprovedUnpaid(Paging.of(null, null)));

        assertThat(queue.items()).extracting(ApprovedUnpaidView.Item::applicationId).containsExactly(reducedReturn);
        assertThat(queue.items().get(0).amountToRefund()).isEqualTo(new MoneyView("700.00", "CNY"));
        // Exchanges pay no money: not in the approved totals either.
        FinanceTotalsView totals = queries.answer(new ReportTotals(NOVEMBER_23_TO_25, Granularity.DAY));
        assertThat(totals.totals()).singleElement().satisfies(row -> assertThat(row.approvedCount()).isEqualTo(3));
    }

    @Test
    void pagesOfTheQueueRunAcrossApprovalDaysInOrderAndTheTotalsCoverTheWholeQueue() {
        List<String> ids = new java.util.ArrayList<>();
        for (Duration after : List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(1).plusHours(1),
                Duration.ofDays(2))) {
            String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
            deliver(approved(id, "1200", T0.plus(after)));
            ids.add(id);
        }

        ApprovedUnpaidView acrossADay = queries.answer(new ListApprovedUnpaid(Paging.of(3, 1)));
        ApprovedUnpaidView last = queries.answer(new ListApprovedUnpaid(Paging.of(10, 4)));
        ApprovedUnpaidView beyond = queries.answer(new ListApprovedUnpaid(Paging.of(10, 5)));

        assertThat(acrossADay.items()).extracting(ApprovedUnpaidView.Item::applicationId).containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(last.items()).extracting(ApprovedUnpaidView.Item::applicationId).containsExactly(ids.get(4));
        assertThat(beyond.items()).isEmpty();
        for (ApprovedUnpaidView page : List.of(acrossADay, last, beyond)) {
            assertThat(page.total()).isEqualTo(5);
            assertThat(page.totalToPay()).containsExactly(new MoneyView("6000.00", "CNY"));
        }
    }

    @Test
    void aSummaryLostBetweenTheDayAndItsSummaryIsRestoredByRedelivery() {
        String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        FinanceApplication submitted = new FinanceReportsStore(database).application(id).orElseThrow();
        deliver(approved(id, "1200", T0));
        List<Document> before = snapshot();
        // The crash: the day was written, then neither its summary nor the application document. (Written around the
        // store, which never lets an older version replace a newer one.)
        database.getCollection(UnpaidQueueStore.SUMMARY).drop();
        database.getCollection(FinanceReportsStore.APPLICATIONS).replaceOne(new Document("_id", id),
                io.refundledger.query.common.RecordDocuments.toDocument(submitted, "applicationId"));

        assertThat(queries.answer(new ListApprovedUnpaid(Paging.of(null, null))).total()).isZero();
        feed.redeliverAll();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(queries.answer(new ListApprovedUnpaid(Paging.of(null, null))).items())
                .extracting(ApprovedUnpaidView.Item::applicationId).containsExactly(id);
    }

    @Test
    void aPeriodsPayoutsArePagedAcrossDaysAndFilteredWhileGroupsAndTotalCoverEveryMatchingAttempt() {
        Money usd = Money.of("50", "USD");
        List<String> started = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = submittedRefund(RefundType.REFUND_ONLY, i == 3 ? usd : CNY_1200);
            deliver(approved(id, i == 3 ? "50" : "1200", T0));
            Money amount = i == 3 ? usd : CNY_1200;
            String payout = "pay-" + i;
            // Two attempts on the 23rd, two on the 24th (business days in Shanghai).
            deliver(payoutStarted(id, payout, amount, PayoutMethod.BANK_TRANSFER, 1, T0.plusSeconds(60 + (i / 2) * 86_400L + i)));
            if (i % 2 == 0) {
                deliver(payoutSucceeded(id, payout, amount, PayoutMethod.BANK_TRANSFER, T0.plusSeconds(90_000 + i)));
            }
            started.add(payout);
        }

        PayoutListView second = queries.answer(new ListPayouts(NOVEMBER_23_TO_25, null, null, Paging.of(2, 1)));
        PayoutListView stillStarted = queries.answer(new ListPayouts(NOVEMBER_23_TO_25, PayoutStatus.STARTED, null, Paging.of(null, null)));
        PayoutListView onlyThe24th = queries.answer(new ListPayouts(new ReportPeriod(LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-11-24")), null, null, Paging.of(null, null)));

        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(PayoutListView.Line::payoutId).containsExactly(started.get(1), started.get(2));
        assertThat(stillStarted.total()).isEqualTo(2);
        assertThat(stillStarted.items()).extracting(PayoutListView.Line::payoutId).containsExactly(started.get(1), started.get(3));
        assertThat(onlyThe24th.items()).extracting(PayoutListView.Line::payoutId).containsExactly(started.get(2), started.get(3));
        assertThat(onlyThe24th.groups()).extracting(g -> g.day() + " " + g.status() + " " + g.currency() + " " + g.count()
                        + " " + g.amount().amount())
                .containsExactly("2026-11-24 STARTED USD 1 50.00", "2026-11-24 SUCCEEDED CNY 1 1200.00");
    }

    @Test
    void payoutsAreListedPerAttemptWithStatusMethodAndFailureAndGroupedByDay() {
        String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        deliver(approved(id, "1200", T0));
        deliver(payoutStarted(id, "p-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(60)));
        deliver(payoutFailed(id, "p-1", "Bank rejected: account closed", T0.plusSeconds(120)));
        deliver(payoutStarted(id, "p-2", CNY_1200, PayoutMethod.BANK_TRANSFER, 2, T0.plusSeconds(86_400)));
        deliver(payoutSucceeded(id, "p-2", CNY_1200, PayoutMethod.BANK_TRANSFER, T0.plusSeconds(86_500)));

        PayoutListView all = queries.answer(new ListPayouts(NOVEMBER_23_TO_25, null, null, Paging.of(null, null)));
        PayoutListView failed = queries.answer(new ListPayouts(NOVEMBER_23_TO_25, PayoutStatus.FAILED, null, Paging.of(null, null)));

        assertThat(all.items()).extracting(PayoutListView.Line::payoutId, PayoutListView.Line::attempt, PayoutListView.Line::status,
                PayoutListView.Line::method).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p-1", 1, PayoutStatus.FAILED, PayoutMethod.ORIGINAL_PAYMENT),
                org.assertj.core.groups.Tuple.tuple("p-2", 2, PayoutStatus.SUCCEEDED, PayoutMethod.BANK_TRANSFER));
        assertThat(all.groups()).extracting(g -> g.day().toString(), PayoutListView.Group::status, PayoutListView.Group::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-23", PayoutStatus.FAILED, 1L),
                        org.assertj.core.groups.Tuple.tuple("2026-11-24", PayoutStatus.SUCCEEDED, 1L));
        assertThat(failed.items()).singleElement().satisfies(line -> {
            assertThat(line.failureReason()).isEqualTo("Bank rejected: account closed");
            assertThat(line.applicationNumber()).startsWith("RF-");
            assertThat(line.externalReference()).isNull();
        });
        assertThat(all.items().get(1).externalReference()).isEqualTo("EXT-p-2");
    }

    @Test
    void dayTotalsCountBusinessDaysInShanghaiPerCurrencyAndMonthsSumTheirDays() {
        // 2026-11-23T17:30Z is already 2026-11-24 01:30 in Shanghai.
        yuanApprovedAndDollarsPaid("2026-11-23T17:30:00Z", "2026-11-23T03:00:00Z", "2026-11-23T04:00:00Z", "2026-11-23T05:00:00Z");

        FinanceTotalsView daily = queries.answer(new ReportTotals(NOVEMBER_23_TO_25, Granularity.DAY));
        FinanceTotalsView monthly = queries.answer(new ReportTotals(
                new ReportPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")), Granularity.MONTH));
        FinanceTotalsView before = queries.answer(new ReportTotals(
                new ReportPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-23")), Granularity.DAY));

        assertThat(daily.rows()).extracting(FinanceTotalsView.Row::period, FinanceTotalsView.Row::currency,
                FinanceTotalsView.Row::approvedAmount, FinanceTotalsView.Row::paidOutAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-11-23", "USD", new MoneyView("80.00", "USD"), new MoneyView("80.00", "USD")),
                org.assertj.core.groups.Tuple.tuple("2026-11-24", "CNY", new MoneyView("1200.00", "CNY"), new MoneyView("0.00", "CNY")));
        assertThat(monthly.rows()).extracting(FinanceTotalsView.Row::period, FinanceTotalsView.Row::currency,
                FinanceTotalsView.Row::approvedCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-11", "CNY", 1L), org.assertj.core.groups.Tuple.tuple("2026-11", "USD", 1L));
        assertThat(before.totals()).extracting(FinanceTotalsView.Row::currency).containsExactly("USD");
    }

    @Test
    void monthlyTotalsReadAWholeMonthFromItsMonthCellAndTheMonthsAPeriodCutFromTheirDays() {
        // Noon in Shanghai (04:00Z), one approval per day, two of them outside the period.
        for (String day : List.of("2026-10-29", "2026-10-30", "2026-11-15", "2026-11-30", "2026-12-01", "2026-12-02")) {
            String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
            deliver(approved(id, CNY_1200, Instant.parse(day + "T04:00:00Z")));
        }
        ReportTotals byMonth = new ReportTotals(new ReportPeriod(LocalDate.parse("2026-10-30"), LocalDate.parse("2026-12-01")),
                Granularity.MONTH);

        FinanceTotalsView monthly = queries.answer(byMonth);

        assertThat(monthly.rows()).extracting(FinanceTotalsView.Row::period, FinanceTotalsView.Row::approvedCount,
                FinanceTotalsView.Row::approvedAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-10", 1L, new MoneyView("1200.00", "CNY")),
                org.assertj.core.groups.Tuple.tuple("2026-11", 2L, new MoneyView("2400.00", "CNY")),
                org.assertj.core.groups.Tuple.tuple("2026-12", 1L, new MoneyView("1200.00", "CNY")));
        assertThat(monthly.totals()).extracting(FinanceTotalsView.Row::approvedCount).containsExactly(4L);
        // November, covered whole, is its one month cell: without its day cells it reads the same.
        database.getCollection(FinanceReportsStore.DAY_TOTALS).deleteMany(Filters.regex("_id", "^2026-11-"));
        assertThat(queries.answer(byMonth).rows()).isEqualTo(monthly.rows());
        assertThat(queries.answer(new ReportTotals(new ReportPeriod(LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-30")), Granularity.DAY)).rows()).isEmpty();
    }

    @Test
    void aModelWrittenBeforeMonthCellsGetsThemFromItsDayCellsBeforeItsFirstBatchAndCountsNothingTwice() {
        String yuan = yuanApprovedAndDollarsPaid("2026-11-03T04:00:00Z", "2026-11-20T04:00:00Z", "2026-11-20T05:00:00Z",
                "2026-11-21T05:00:00Z");
        ReportTotals november = new ReportTotals(new ReportPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")),
                Granularity.MONTH);
        ReportTotals novemberByDay = new ReportTotals(november.period(), Granularity.DAY);
        FinanceTotalsView monthly = queries.answer(november);
        FinanceTotalsView daily = queries.answer(novemberByDay);
        List<Document> complete = snapshot();
        // What an earlier version left: day cells, with their currencies listed in the days' index documents.
        database.getCollection(FinanceReportsStore.MONTHS).drop();
        database.getCollection(FinanceReportsStore.MONTH_TOTALS).drop();
        for (Document cell : database.getCollection(FinanceReportsStore.DAY_TOTALS).find()) {
            database.getCollection(FinanceReportsStore.DAYS).updateOne(Filters.eq("_id", cell.getString("day")),
                    Updates.addToSet("currencies", cell.getString("currency")), new UpdateOptions().upsert(true));
        }
        // Until the processor's first batch, the totals come from the days.
        assertThat(queries.answer(november)).isEqualTo(monthly);
        assertThat(queries.answer(novemberByDay)).isEqualTo(daily);

        store.checkMonthsAgain(); // what a new instance's claim of the segment does
        int written = store.completeMonthsOnce();

        assertThat(written).isEqualTo(2);
        // Back to what this version writes, to compare: the days' indexes list payouts only.
        database.getCollection(FinanceReportsStore.DAYS).deleteMany(Filters.exists("payoutIds", false));
        database.getCollection(FinanceReportsStore.DAYS).updateMany(new Document(), Updates.unset("currencies"));
        assertThat(snapshot()).isEqualTo(complete);
        assertThat(queries.answer(november)).isEqualTo(monthly);
        assertThat(queries.answer(novemberByDay)).isEqualTo(daily);
        // Redelivered, the events already in the day cells are not counted again in the month's.
        feed.redeliverAll();
        assertThat(snapshot()).isEqualTo(complete);
        deliver(approved(yuan, CNY_1200, Instant.parse("2026-11-04T04:00:00Z")));
        assertThat(queries.answer(november).rows()).extracting(FinanceTotalsView.Row::currency,
                FinanceTotalsView.Row::approvedCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CNY", 2L), org.assertj.core.groups.Tuple.tuple("USD", 1L));
        // Once per generation and claim here: the model is complete from then on.
        assertThat(store.completeMonthsOnce()).isZero();
    }

    @Test
    void completingTheMonthsOfAModelThatHasThemWritesNothing() {
        String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        deliver(approved(id, CNY_1200, Instant.parse("2026-11-03T04:00:00Z")));
        List<Document> before = snapshot();

        store.checkMonthsAgain();
        assertThat(store.completeMonthsOnce()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void failedPayoutsAddToTheDayTheyFailed() {
        String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        deliver(approved(id, "1200", T0));
        deliver(payoutStarted(id, "p-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 1, T0));
        deliver(payoutFailed(id, "p-1", "Card expired", T0.plusSeconds(86_400)));

        FinanceTotalsView daily = queries.answer(new ReportTotals(NOVEMBER_23_TO_25, Granularity.DAY));

        assertThat(daily.rows()).extracting(FinanceTotalsView.Row::period, FinanceTotalsView.Row::failedCount,
                FinanceTotalsView.Row::failedAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-11-23", 0L, new MoneyView("0.00", "CNY")),
                org.assertj.core.groups.Tuple.tuple("2026-11-24", 1L, new MoneyView("1200.00", "CNY")));
    }

    @Test
    void deliveringEverythingAgainChangesNoDocumentAndAResetEmptiesTheReports() {
        String id = submittedRefund(RefundType.REFUND_ONLY, CNY_1200);
        deliver(approved(id, "1200", T0));
        deliver(payoutStarted(id, "p-1", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 1, T0.plusSeconds(60)));
        deliver(payoutFailed(id, "p-1", "Card expired", T0.plusSeconds(120)));
        deliver(payoutStarted(id, "p-2", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, 2, T0.plusSeconds(180)));
        deliver(payoutSucceeded(id, "p-2", CNY_1200, PayoutMethod.ORIGINAL_PAYMENT, T0.plusSeconds(240)));
        List<Document> before = snapshot();

        feed.redeliverAll();

        assertThat(snapshot()).isEqualTo(before);
        feed.reset();
        assertThat(snapshot()).isEmpty();
    }

    private List<Document> snapshot() {
        List<Document> all = new ArrayList<>();
        for (String name : FinanceReportsStore.COLLECTIONS) {
            database.getCollection(name).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }
}
