package io.refundledger.query.finance;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.DayBucketedList;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The approved-but-unpaid queue as a {@link DayBucketedList}: the applications by business day of approval
 * ({@value #DAYS}) with a per-day summary of counts and amounts to pay ({@value #SUMMARY}), so a page and the queue's
 * totals read the summary and the one or two days the page falls in, however long the queue is. Both collections are
 * dropped with the rest of the finance reports ({@link FinanceReportsStore#COLLECTIONS}).
 */
@Component
public class UnpaidQueueStore {

    public static final String DAYS = "finance_unpaid_days";
    public static final String SUMMARY = "finance_unpaid_summary";
    static final String QUEUE = "approved-unpaid";

    private final DayBucketedList list;

    public UnpaidQueueStore(MongoDatabase database) {
        this.list = new DayBucketedList(database, DAYS, SUMMARY);
    }

    /** Puts the application in (or updates it in) the queue, under the business day it was approved. */
    public void enqueue(String day, String applicationId, String applicationNumber, Instant approvedAt,
                        MoneyView amountToRefund, long position) {
        list.put(QUEUE, day, new DayBucketedList.Member(applicationId, approvedAt, applicationNumber,
                amountToRefund == null ? null : amountToRefund.amount(),
                amountToRefund == null ? null : amountToRefund.currency()), position);
    }

    /** Takes the application out of the queue, if it is there. */
    public void dequeue(String day, String applicationId, long position) {
        list.remove(QUEUE, day, applicationId, position);
    }

    /** Approved longest ago first. */
    public DayBucketedList.Page page(int offset, int limit) {
        return list.page(QUEUE, offset, limit);
    }
}
