package io.refundledger.query.finance;

import io.refundledger.query.common.ReadModelBatch;
import io.refundledger.query.common.IdLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finance reports' read model. Every read is an {@code _id} lookup or an {@code _id $in}:
 * <ul>
 *     <li>{@value #APPLICATIONS}: one {@link FinanceApplication} per application;</li>
 *     <li>{@value #PAYOUTS}: one {@link PayoutEntry} per payout attempt, by payout id;</li>
 *     <li>{@value #DAYS}: one index document per business day ({@code _id} = {@code 2026-11-23}) naming the payouts
 *     started that day;</li>
 *     <li>{@value #DAY_TOTALS}: one {@link DayTotals} cell per day and currency ({@code _id} = {@code 2026-11-23|CNY}),
 *     and {@value #MONTH_TOTALS} the same per calendar month ({@code _id} = {@code 2026-11|CNY}, its {@code day} the
 *     month), changed by the same events, so a month of totals is one cell per currency however busy its days were;</li>
 *     <li>{@value #MONTHS}: one small document per month ({@code _id} = {@code 2026-11}) naming the currencies with
 *     totals that month, so the totals find their cells without reading the days' payout lists;</li>
 *     <li>the approved-but-unpaid queue, in {@link UnpaidQueueStore}, and the payouts by status and method, in
 *     {@link PayoutListsStore}.</li>
 * </ul>
 * Index documents change with {@code $addToSet}, which repeats harmlessly, and record the newest position they applied
 * with {@code $max}.
 */
@Component
public class FinanceReportsStore {

    public static final String APPLICATIONS = "finance_applications";
    public static final String PAYOUTS = "finance_payouts";
    public static final String DAYS = "finance_days";
    public static final String DAY_TOTALS = "finance_day_totals";
    public static final String MONTHS = "finance_months";
    public static final String MONTH_TOTALS = "finance_month_totals";
    public static final List<String> COLLECTIONS = List.of(APPLICATIONS, PAYOUTS, DAYS, DAY_TOTALS, MONTHS, MONTH_TOTALS,
            UnpaidQueueStore.DAYS, UnpaidQueueStore.SUMMARY, PayoutListsStore.DAYS, PayoutListsStore.SUMMARY);

    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";
    static final String PAYOUT_IDS = "payoutIds";
    static final String CURRENCIES = "currencies";

    private final MongoDatabase database;
    /** The day-totals collections (one per generation) whose month cells were completed here. */
    private final Set<String> monthsCompleted = ConcurrentHashMap.newKeySet();

    public FinanceReportsStore(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- applications

    /**
     * The order in which a batch writes ({@link io.refundledger.query.common.ReadModelBatch}): the lists and indexes
     * before the documents that record the position an event reached, so a crash part-way leaves those behind and the
     * redelivered event repeats the rest.
     */
    public static final List<String> FLUSH_ORDER = List.of(UnpaidQueueStore.DAYS, PayoutListsStore.DAYS, DAYS, MONTHS,
            DAY_TOTALS, MONTH_TOTALS, PAYOUTS, APPLICATIONS);

    /** Reads these applications into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(collection(APPLICATIONS), ids);
    }

    /** Reads the totals of these days, and of their months, in these currencies into the current batch at once. */
    public void prefetchDayTotals(Collection<String> days, Collection<String> currencies) {
        List<String> dayIds = new ArrayList<>(days.size() * currencies.size());
        Set<String> monthIds = new LinkedHashSet<>();
        days.forEach(day -> currencies.forEach(currency -> {
            dayIds.add(DayTotals.idOf(day, currency));
            monthIds.add(DayTotals.idOf(monthOf(day), currency));
        }));
        ReadModelBatch.current().prefetch(collection(DAY_TOTALS), dayIds);
        ReadModelBatch.current().prefetch(collection(MONTH_TOTALS), monthIds);
    }

    /** Reads these payouts into the current batch at once. */
    public void prefetchPayouts(Collection<String> payoutIds) {
        ReadModelBatch.current().prefetch(collection(PAYOUTS), payoutIds);
    }

    public Optional<FinanceApplication> application(String applicationId) {
        return ReadModelBatch.current().find(collection(APPLICATIONS), applicationId)
                .map(d -> RecordDocuments.fromDocument(d, FinanceApplication.class, "applicationId"));
    }

    public List<FinanceApplication> applications(Collection<String> applicationIds) {
        if (applicationIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(collection(APPLICATIONS), applicationIds,
                d -> RecordDocuments.fromDocument(d, FinanceApplication.class, "applicationId"));
    }

    public void save(FinanceApplication application) {
        ReadModelBatch.current().put(collection(APPLICATIONS), application.applicationId(),
                RecordDocuments.toDocument(application, "applicationId"));
    }

    // ------------------------------------------------------------------------------------------- payouts

    public Optional<PayoutEntry> payout(String payoutId) {
        return ReadModelBatch.current().find(collection(PAYOUTS), payoutId)
                .map(d -> RecordDocuments.fromDocument(d, PayoutEntry.class, "payoutId"));
    }

    public List<PayoutEntry> payouts(Collection<String> payoutIds) {
        if (payoutIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(collection(PAYOUTS), payoutIds,
                d -> RecordDocuments.fromDocument(d, PayoutEntry.class, "payoutId"));
    }

    public void save(PayoutEntry payout) {
        ReadModelBatch.current().put(collection(PAYOUTS), payout.payoutId(), RecordDocuments.toDocument(payout, "payoutId"));
    }

    // ------------------------------------------------------------------------------------------- days

    /** Names a payout under the day it started. */
    public void indexPayout(String day, String payoutId, long position) {
        ReadModelBatch.current().update(collection(DAYS), day, Updates.combine(Updates.addToSet(PAYOUT_IDS, payoutId),
                Updates.max(LAST_APPLIED_POSITION, position)));
    }

    /** Payout ids of the given days, in day order. */
    public List<String> payoutIdsOn(List<String> days) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document day : dayIndexes(days, Projections.include(PAYOUT_IDS))) {
            List<String> payoutIds = day.getList(PAYOUT_IDS, String.class);
            if (payoutIds != null) {
                ids.addAll(payoutIds);
            }
        }
        return List.copyOf(ids);
    }

    public Optional<DayTotals> dayTotals(String day, String currency) {
        return totalsCell(DAY_TOTALS, DayTotals.idOf(day, currency));
    }

    /** The month's cell in this currency ({@code month} as {@code 2026-11}). */
    public Optional<DayTotals> monthTotals(String month, String currency) {
        return totalsCell(MONTH_TOTALS, DayTotals.idOf(month, currency));
    }

    private Optional<DayTotals> totalsCell(String collection, String id) {
        return ReadModelBatch.current().find(collection(collection), id)
                .map(d -> RecordDocuments.fromDocument(d, DayTotals.class, "id"));
    }

    /**
     * The month's currency index first, then the cell, which records the position: a crash in between leaves the cell
     * behind and the redelivered event writes both (the other way round, the cell would skip the redelivery and its
     * currency would never be indexed). A reader that meets the currency before its cell finds no cell, and skips it.
     */
    public void save(DayTotals totals) {
        indexCurrency(totals);
        ReadModelBatch.current().put(collection(DAY_TOTALS), totals.id(), RecordDocuments.toDocument(totals, "id"));
    }

    /** A month's cell, after its currency index as for a day's. */
    public void saveMonth(DayTotals totals) {
        indexCurrency(totals);
        ReadModelBatch.current().put(collection(MONTH_TOTALS), totals.id(), RecordDocuments.toDocument(totals, "id"));
    }

    private void indexCurrency(DayTotals totals) {
        ReadModelBatch.current().update(collection(MONTHS), monthOf(totals.day()), listsCurrencyOf(totals));
    }

    /** The month list's update naming the cell's currency (repeats harmlessly). */
    private static Bson listsCurrencyOf(DayTotals totals) {
        return Updates.combine(Updates.addToSet(CURRENCIES, totals.currency()),
                Updates.max(LAST_APPLIED_POSITION, totals.lastAppliedPosition()));
    }

    /**
     * Makes every month cell the sum of its day cells, and every month list the currencies of its days, once per
     * generation of the read model on this instance, before the processor's first batch here, and again after each
     * claim of its segment ({@link #checkMonthsAgain}). Normally this writes nothing: an event changes the two together.
     * It fills in the month cells and month lists of a database written before they existed, so an upgrade needs no
     * replay for them, also when an instance of the earlier version held the segment for a while during a rolling
     * upgrade; and it mends a flush that a crash cut between the day and the month cells. Each month cell then records
     * the newest position of its days, so an event redelivered after it is not counted twice. It reads every day cell
     * once (one per day and currency); only the processor's single segment writes these cells, and it calls this
     * before it reads any.
     *
     * @return how many month cells it wrote
     */
    public int completeMonthsOnce() {
        if (!monthsCompleted.add(collection(DAY_TOTALS).getNamespace().getFullName())) {
            return 0;
        }
        Map<String, DayTotals> sums = new LinkedHashMap<>();
        for (Document stored : collection(DAY_TOTALS).find()) {
            DayTotals day = RecordDocuments.fromDocument(stored, DayTotals.class, "id");
            String month = monthOf(day.day());
            sums.merge(DayTotals.idOf(month, day.currency()), day.asMonth(month), DayTotals::plus);
        }
        Map<String, DayTotals> cells = new HashMap<>();
        cells(MONTH_TOTALS, List.copyOf(sums.keySet())).forEach(cell -> cells.put(cell.id(), cell));
        Map<String, Set<String>> listed = new HashMap<>();
        Map<String, Long> listedUpTo = new HashMap<>();
        Set<String> months = new LinkedHashSet<>();
        sums.values().forEach(sum -> months.add(sum.day()));
        IdLookups.inSlices(months, slice -> collection(MONTHS).find(Filters.in("_id", slice)).forEach(m -> {
            listed.put(m.getString("_id"), new LinkedHashSet<>(m.getList(CURRENCIES, String.class, List.of())));
            listedUpTo.put(m.getString("_id"), m.get(LAST_APPLIED_POSITION) instanceof Number n ? n.longValue() : -1L);
        }));
        List<WriteModel<Document>> indexes = new ArrayList<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (DayTotals sum : sums.values()) {
            if (!listed.getOrDefault(sum.day(), Set.of()).contains(sum.currency())
                    || listedUpTo.getOrDefault(sum.day(), -1L) < sum.lastAppliedPosition()) {
                indexes.add(new UpdateOneModel<>(Filters.eq("_id", sum.day()), listsCurrencyOf(sum), new UpdateOptions().upsert(true)));
            }
            if (!sum.equals(cells.get(sum.id()))) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", sum.id()), RecordDocuments.toDocument(sum, "id"),
                        new ReplaceOptions().upsert(true)));
            }
        }
        // As a batch writes them: a month's currency before its cell.
        ReadModelBatch.bulkUpserts(collection(MONTHS), indexes);
        if (!writes.isEmpty()) {
            collection(MONTH_TOTALS).bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
        return writes.size();
    }

    /**
     * Makes the next batch complete the months again, in every generation: this instance has just claimed the
     * processor's segment, which another instance may have held and written meanwhile, perhaps one of a version
     * without month cells.
     */
    public void checkMonthsAgain() {
        monthsCompleted.clear();
    }

    /** The day cells of these days: one {@code $in} for their months' currencies, one for the cells. */
    public List<DayTotals> totalsOn(List<String> days) {
        return totalsOf(days, List.of());
    }

    /**
     * The totals of a period by month: the month cell of every month the period covers whole, the day cells of the days
     * of the months it covers in part. Either way a cell's {@code day} starts with its month.
     */
    public List<DayTotals> totalsByMonth(LocalDate from, LocalDate to) {
        List<String> days = new ArrayList<>();
        List<String> months = new ArrayList<>();
        for (LocalDate start = from.withDayOfMonth(1); !start.isAfter(to); start = start.plusMonths(1)) {
            LocalDate end = start.plusMonths(1).minusDays(1);
            if (!start.isBefore(from) && !end.isAfter(to)) {
                months.add(monthOf(start.toString()));
            } else {
                for (LocalDate day = start.isBefore(from) ? from : start; !day.isAfter(end) && !day.isAfter(to); day = day.plusDays(1)) {
                    days.add(day.toString());
                }
            }
        }
        return totalsOf(days, months);
    }

    private List<DayTotals> totalsOf(List<String> days, List<String> months) {
        Set<String> monthsRead = new LinkedHashSet<>(months);
        days.forEach(day -> monthsRead.add(monthOf(day)));
        Map<String, List<String>> currencies = new HashMap<>();
        IdLookups.inSlices(monthsRead, slice -> collection(MONTHS).find(Filters.in("_id", slice))
                .forEach(m -> currencies.put(m.getString("_id"), m.getList(CURRENCIES, String.class, List.of()))));
        List<String> dayIds = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (String day : days) {
            List<String> listed = currencies.get(monthOf(day));
            if (listed == null) {
                unlisted.add(day);
            } else {
                listed.forEach(c -> dayIds.add(DayTotals.idOf(day, c)));
            }
        }
        List<String> monthIds = new ArrayList<>();
        for (String month : months) {
            List<String> listed = currencies.get(month);
            if (listed == null) {
                LocalDate first = LocalDate.parse(month + "-01");
                first.datesUntil(first.plusMonths(1)).forEach(day -> unlisted.add(day.toString()));
            } else {
                listed.forEach(c -> monthIds.add(DayTotals.idOf(month, c)));
            }
        }
        dayIds.addAll(listedByDay(unlisted));
        List<DayTotals> cells = new ArrayList<>(cells(DAY_TOTALS, dayIds));
        cells.addAll(cells(MONTH_TOTALS, monthIds));
        cells.sort(Comparator.comparing(DayTotals::day).thenComparing(DayTotals::currency));
        return cells;
    }

    /**
     * The day cells of days in months with no month list: a model an earlier version wrote, whose processor has had no
     * batch since the upgrade ({@link #completeMonthsOnce}), listed its currencies in each day's index document.
     */
    private List<String> listedByDay(List<String> days) {
        List<String> ids = new ArrayList<>();
        if (!days.isEmpty()) {
            for (Document day : dayIndexes(days, Projections.include(CURRENCIES))) {
                day.getList(CURRENCIES, String.class, List.of()).forEach(c -> ids.add(DayTotals.idOf(day.getString("_id"), c)));
            }
        }
        return ids;
    }

    private List<DayTotals> cells(String collection, List<String> ids) {
        return ids.isEmpty() ? List.of()
                : IdLookups.findByIds(collection(collection), ids, d -> RecordDocuments.fromDocument(d, DayTotals.class, "id"));
    }

    /** {@code 2026-11} of {@code 2026-11-23}. */
    static String monthOf(String day) {
        return day.substring(0, 7);
    }

    private List<Document> dayIndexes(List<String> days, Bson fields) {
        if (days.isEmpty()) {
            return List.of();
        }
        List<Document> found = collection(DAYS).find(Filters.in("_id", days)).projection(fields).into(new ArrayList<>());
        found.sort(java.util.Comparator.comparing(d -> d.getString("_id")));
        return found;
    }

    /** Drops everything for a replay. */
    public void deleteAll() {
        COLLECTIONS.forEach(name -> collection(name).drop());
    }

    private MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }
}
