package io.refundledger.query.finance;

import io.refundledger.query.refund.RefundProgressStore;
import io.refundledger.query.refund.RefundProgressView;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Answers finance's list questions: one lookup for the list, one {@code _id $in} for its views. */
@Service
public class FinanceRefundQueries {

    /** Waiting longest first; the application number breaks ties, as numbers are handed out in order. */
    static final Comparator<RefundProgressView> LONGEST_WAITING_FIRST = Comparator
            .comparing(RefundProgressView::inCurrentStepSince, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(RefundProgressView::applicationNumber, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private final RefundsByStatusStore lists;
    private final RefundProgressStore views;

    public FinanceRefundQueries(RefundsByStatusStore lists, RefundProgressStore views) {
        this.lists = lists;
        this.views = views;
    }

    public FinanceRefundListView answer(ListRefundsByStatus question) {
        Set<String> members = lists.applicationIdsIn(question.status());
        // The list and the views are written one after the other, not atomically: keep only the members whose
        // view says they belong here, so a moment between the two writes never shows an application twice.
        List<RefundProgressView> onList = views.findAllById(members).stream()
                .filter(view -> FinanceQueue.of(view).orElse(null) == question.status())
                .sorted(LONGEST_WAITING_FIRST)
                .toList();
        // Lists hold open work only (a few hundred at most), so paging in memory is cheaper than a server-side
        // sort, which the embedded server would run as a full scan.
        List<FinanceRefundListView.Item> page = onList.stream()
                .skip(question.offset())
                .limit(question.limit())
                .map(FinanceRefundQueries::item)
                .toList();
        return new FinanceRefundListView(question.status(), onList.size(), question.offset(), question.limit(), page);
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
