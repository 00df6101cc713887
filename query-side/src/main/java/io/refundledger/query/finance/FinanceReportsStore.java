package io.refundledger.query.finance;

import io.refundledger.query.common.ReadModelBatch;
import io.refundledger.query.common.IdLookups;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.refundledger.query.common.RecordDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The finance reports' read model. Every read is an {@code _id} lookup or an {@code _id $in}:
 * <ul>
 *     <li>{@value #APPLICATIONS}: one {@link FinanceApplication} per application;</li>
 *     <li>{@value #PAYOUTS}: one {@link PayoutEntry} per payout attempt, by payout id;</li>
 *     <li>{@value #DAYS}: one index document per business day ({@code _id} = {@code 2026-11-23}) naming the payouts
 *     started that day and the currencies with totals that day;</li>
 *     <li>{@value #DAY_TOTALS}: one {@link DayTotals} cell per day and currency ({@code _id} = {@code 2026-11-23|CNY});</li>
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
    public static final List<String> COLLECTIONS = List.of(APPLICATIONS, PAYOUTS, DAYS, DAY_TOTALS,
            UnpaidQueueStore.DAYS, UnpaidQueueStore.SUMMARY, PayoutListsStore.DAYS, PayoutListsStore.SUMMARY);

    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";
    static final String PAYOUT_IDS = "payoutIds";
    static final String CURRENCIES = "currencies";

    private final MongoDatabase database;

    public FinanceReportsStore(MongoDatabase database) {
        this.database = database;
    }

    // ------------------------------------------------------------------------------------------- applications

    /**
     * The order in which a batch writes ({@link io.refundledger.query.common.ReadModelBatch}): the lists and indexes
     * before the documents that record the position an event reached, so a crash part-way leaves those behind and the
     * redelivered event repeats the rest.
     */
    public static final List<String> FLUSH_ORDER = List.of(UnpaidQueueStore.DAYS, PayoutListsStore.DAYS, DAYS, DAY_TOTALS,
            PAYOUTS, APPLICATIONS);

    /** Reads these applications into the current batch at once (ids of other aggregates are simply not found). */
    public void prefetch(Collection<String> ids) {
        ReadModelBatch.current().prefetch(collection(APPLICATIONS), ids);
    }

    /** Reads the totals of these days in these currencies into the current batch at once. */
    public void prefetchDayTotals(Collection<String> days, Collection<String> currencies) {
        List<String> ids = new ArrayList<>(days.size() * currencies.size());
        days.forEach(day -> currencies.forEach(currency -> ids.add(DayTotals.idOf(day, currency))));
        ReadModelBatch.current().prefetch(collection(DAY_TOTALS), ids);
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
        return ReadModelBatch.current().find(collection(DAY_TOTALS), DayTotals.idOf(day, currency))
                .map(d -> RecordDocuments.fromDocument(d, DayTotals.class, "id"));
    }

    /**
     * The day's currency index first, then the cell, which records the position: a crash in between leaves the cell
     * behind and the redelivered event writes both (the other way round, the cell would skip the redelivery and its
     * currency would never be indexed). A reader that meets the currency before its cell finds no cell, and skips it.
     */
    public void save(DayTotals totals) {
        ReadModelBatch.current().update(collection(DAYS), totals.day(), Updates.combine(
                Updates.addToSet(CURRENCIES, totals.currency()), Updates.max(LAST_APPLIED_POSITION, totals.lastAppliedPosition())));
        ReadModelBatch.current().put(collection(DAY_TOTALS), totals.id(), RecordDocuments.toDocument(totals, "id"));
    }

    /** The totals cells of the given days: one {@code $in} for the day indexes, one for their cells. */
    public List<DayTotals> totalsOn(List<String> days) {
        List<String> cellIds = new ArrayList<>();
        // Only the currencies: a day's index also lists every payout of the day, which the totals never need and
        // which grows with the volume (a quarter's totals read megabytes of payout ids at 100,000 applications).
        for (Document day : dayIndexes(days, Projections.include(CURRENCIES))) {
            List<String> currencies = day.getList(CURRENCIES, String.class);
            if (currencies != null) {
                currencies.forEach(c -> cellIds.add(DayTotals.idOf(day.getString("_id"), c)));
            }
        }
        if (cellIds.isEmpty()) {
            return List.of();
        }
        return IdLookups.findByIds(collection(DAY_TOTALS), cellIds, d -> RecordDocuments.fromDocument(d, DayTotals.class, "id"));
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
