package io.refundledger.query.finance;

import io.refundledger.query.common.DayBucketedList;
import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.refund.RefundProgressView;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import org.springframework.stereotype.Service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers finance's list questions: the list's page from its summary and day buckets, then that page's views. */
@Service
public class FinanceRefundQueries {

    private final RefundsByStatusStore lists;
    private final RefundProgressStore views;

    public FinanceRefundQueries(RefundsByStatusStore lists, RefundProgressStore views) {
        this.lists = lists;
        this.views = views;
    }

    public FinanceRefundListView answer(ListRefundsByStatus question) {
        DayBucketedList.Page page = lists.page(question.status(), question.offset(), question.limit());
        // The list and the views are written one after the other, not atomically: keep only the members whose
        // view says they belong here, so a moment between the two writes never shows an application twice.
        List<String> ids = page.members().stream().map(DayBucketedList.Member::id).toList();
        Map<String, RefundProgressView> views = new HashMap<>();
        this.views.findAllById(ids).forEach(view -> views.put(view.applicationId(), view));
        List<FinanceRefundListView.Item> items = ids.stream().map(views::get)
                .filter(view -> view != null && FinanceQueue.of(view).orElse(null) == question.status())
                .map(FinanceRefundQueries::item)
                .toList();
        return new FinanceRefundListView(question.status(), page.total(), question.offset(), question.limit(), items);
    }

    private static FinanceRefundListView.Item item(RefundProgressView view) {
        List<PayoutView> payouts = view.payouts();
        String lastFailure = payouts.isEmpty() || payouts.get(payouts.size() - 1).state() != PayoutState.FAILED
                ? null : payouts.get(payouts.size() - 1).failureReason();
        return new FinanceRefundListView.Item(view.applicationId(), view.applicationNumber(), view.customerId(),
                view.orderId(), view.type(), view.status(), view.amountToRefund(), view.payoutMethod(),
                view.inCurrentStepSince(), view.nextStep(), view.assignedReviewer(), payouts.size(), lastFailure,
                !view.escalations().isEmpty());
    }
}
