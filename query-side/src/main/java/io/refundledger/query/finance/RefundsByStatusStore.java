package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.DayBucketedList;
import io.refundledger.query.refund.RefundProgressView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Which applications are on each finance list, as one {@link DayBucketedList} per {@link FinanceQueue}: members by
 * business day of the time they entered their current step ({@value #DAYS}), with per-day summaries
 * ({@value #SUMMARY}), so a page and a list's total read the summary and the days the page falls in, however long
 * the list. Only open work is listed (paid or rejected applications leave every list). Maintained by the
 * {@code refund-progress} projection, in step with the views.
 */
@Component
public class RefundsByStatusStore {

    public static final String DAYS = "refund_finance_list_days";
    public static final String SUMMARY = "refund_finance_list_summary";

    private final DayBucketedList lists;
    private final ZoneId businessZone;

    public RefundsByStatusStore(MongoDatabase database, @Value("${ledger.business-zone:Asia/Shanghai}") ZoneId businessZone) {
        this.lists = new DayBucketedList(database, DAYS, SUMMARY);
        this.businessZone = businessZone;
    }

    /** Waiting longest first; the application number breaks ties, as numbers are handed out in order. */
    public DayBucketedList.Page page(FinanceQueue queue, int offset, int limit) {
        return lists.page(queue.name(), offset, limit);
    }

    /**
     * Moves the application from the list its old view put it on to the one its new view puts it on (or re-files it
     * on the same list when its time in step or amount changed). Added before it is removed, so a reader in between
     * sees it twice at worst, never nowhere; readers keep only the members whose view is on the list asked for.
     */
    public void move(RefundProgressView before, RefundProgressView after, long position) {
        FinanceQueue from = FinanceQueue.of(before).orElse(null);
        FinanceQueue to = FinanceQueue.of(after).orElse(null);
        DayBucketedList.Member was = from == null ? null : memberOf(before);
        DayBucketedList.Member is = to == null ? null : memberOf(after);
        if (from == to && Objects.equals(was, is)) {
            return;
        }
        if (to != null) {
            lists.put(to.name(), dayOf(is.sortAt()), is, position);
        }
        if (from != null && (from != to || !dayOf(was.sortAt()).equals(dayOf(is.sortAt())))) {
            lists.remove(from.name(), dayOf(was.sortAt()), was.id(), position);
        }
    }

    /** Empties every list for a replay. */
    public void deleteAll() {
        lists.deleteAll();
    }

    public List<String> collections() {
        return lists.collections();
    }

    private static DayBucketedList.Member memberOf(RefundProgressView view) {
        RefundProgressView.MoneyView amount = view.amountToRefund();
        return new DayBucketedList.Member(view.applicationId(), view.inCurrentStepSince(), view.applicationNumber(),
                amount == null ? null : amount.amount(), amount == null ? null : amount.currency());
    }

    private String dayOf(Instant at) {
        return at == null ? DayBucketedList.NO_DAY : LocalDate.ofInstant(at, businessZone).toString();
    }
}
