package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.common.DayBucketedList;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payout attempts as one {@link DayBucketedList} per status and method ({@code SUCCEEDED|BANK_TRANSFER}), bucketed by
 * the business day they started ({@value #DAYS}, summaries in {@value #SUMMARY}). A period's groups and total come
 * from the lists' summaries, a page from the days it falls in: bounded reads whatever the period's volume. An
 * attempt moves from its STARTED list to its FAILED or SUCCEEDED one under the same day. Both collections are
 * dropped with the rest of the finance reports ({@link FinanceReportsStore#COLLECTIONS}).
 */
@Component
public class PayoutListsStore {

    public static final String DAYS = "finance_payout_list_days";
    public static final String SUMMARY = "finance_payout_list_summary";
    /** The list name's method part for an attempt whose method is not known. */
    static final String NO_METHOD = "NONE";

    private final DayBucketedList lists;

    public PayoutListsStore(MongoDatabase database) {
        this.lists = new DayBucketedList(database, DAYS, SUMMARY);
    }

    /** Files the attempt under its status (and takes it off the list of the status it had, when that changed). */
    public void file(PayoutEntry payout, PayoutStatus previous, long position) {
        if (payout.day() == null) {
            return; // an attempt whose start was never seen has no day to be listed under
        }
        lists.put(listOf(payout.status(), payout.method()), payout.day(), new DayBucketedList.Member(payout.payoutId(),
                payout.startedAt(), payout.payoutId(), payout.amount() == null ? null : payout.amount().amount(),
                payout.amount() == null ? null : payout.amount().currency()), position);
        if (previous != null && previous != payout.status()) {
            lists.remove(listOf(previous, payout.method()), payout.day(), payout.payoutId(), position);
        }
    }

    /** The summaries of the lists the filters let through (null: any), by list name. */
    public Map<String, List<DayBucketedList.DaySummary>> summaries(PayoutStatus status, PayoutMethod method) {
        List<String> names = new ArrayList<>();
        for (PayoutStatus s : PayoutStatus.values()) {
            if (status != null && s != status) {
                continue;
            }
            for (PayoutMethod m : PayoutMethod.values()) {
                if (method == null || m == method) {
                    names.add(listOf(s, m));
                }
            }
            if (method == null) {
                names.add(listOf(s, null));
            }
        }
        return lists.summaries(names);
    }

    public DayBucketedList lists() {
        return lists;
    }

    static String listOf(PayoutStatus status, PayoutMethod method) {
        return status.name() + "|" + (method == null ? NO_METHOD : method.name());
    }

    static PayoutStatus statusOf(String list) {
        return PayoutStatus.valueOf(list.substring(0, list.indexOf('|')));
    }

    static PayoutMethod methodOf(String list) {
        String method = list.substring(list.indexOf('|') + 1);
        return method.equals(NO_METHOD) ? null : PayoutMethod.valueOf(method);
    }
}
