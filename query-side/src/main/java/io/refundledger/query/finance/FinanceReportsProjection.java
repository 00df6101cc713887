package io.refundledger.query.finance;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.query.common.BatchEvents;
import io.refundledger.query.refund.RefundLifecycle;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps the finance reports ({@link FinanceReportsStore}) in step with approvals and payouts: the approved-but-unpaid
 * queue, one line per payout attempt, and per-day totals by currency in the business zone.
 *
 * <p>Day totals are fed by many applications, so the {@value #PROCESSING_GROUP} processor runs one segment: events
 * arrive in global order. Every document keeps the position it last applied and is written only for a newer event,
 * each on its own, so a batch delivered again after a crash completes what was missing and repeats nothing.
 */
@Component
@ProcessingGroup(FinanceReportsProjection.PROCESSING_GROUP)
public class FinanceReportsProjection {

    public static final String PROCESSING_GROUP = "finance-reports";

    private final FinanceReportsStore store;
    private final UnpaidQueueStore unpaid;
    private final PayoutListsStore payoutLists;
    private final ZoneId businessZone;

    public FinanceReportsProjection(FinanceReportsStore store, UnpaidQueueStore unpaid, PayoutListsStore payoutLists,
                                    @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this.store = store;
        this.unpaid = unpaid;
        this.payoutLists = payoutLists;
        this.businessZone = ZoneId.of(businessZone);
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token) {
        long position = positionOf(token);
        FinanceApplication known = store.application(event.applicationId()).orElse(null);
        if (known != null && position <= known.lastAppliedPosition()) {
            return;
        }
        store.save(new FinanceApplication(event.applicationId(), event.applicationNumber(), event.customerId(),
                event.orderId(), event.type(), event.payoutMethod(), null, null, null, 0, null, null, false, false, position));
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        long position = positionOf(token);
        FinanceApplication application = applicationOf(event.applicationId());
        if (!application.paysMoney()) {
            update(application, position, a -> a.approved(MoneyView.of(event.approvedAmount()), event.approvedAt(), position));
            return;
        }
        addToDay(event.approvedAt(), event.approvedAmount(), position, (totals, amount) -> totals.approved(amount, position));
        if (position > application.lastAppliedPosition()) {
            // Not again once the application has moved on: a redelivered approval must not put a paid one back.
            unpaid.enqueue(dayOf(event.approvedAt()), event.applicationId(), application.applicationNumber(),
                    event.approvedAt(), MoneyView.of(event.approvedAmount()), position);
        }
        update(application, position, a -> a.approved(MoneyView.of(event.approvedAmount()), event.approvedAt(), position));
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token) {
        long position = positionOf(token);
        FinanceApplication application = applicationOf(event.applicationId());
        if (position <= application.lastAppliedPosition()) {
            return;
        }
        FinanceApplication inspected = application.withAmountToRefund(RefundLifecycle.refundableAfterInspection(
                application.type(), application.amountToRefund(), event.outcome(), MoneyView.of(event.adjustedAmount())), position);
        if (inQueue(inspected)) {
            // The queue's totals follow what is still to pay, before the application document says so.
            unpaid.enqueue(dayOf(inspected.approvedAt()), inspected.applicationId(), inspected.applicationNumber(),
                    inspected.approvedAt(), inspected.amountToRefund(), position);
        }
        store.save(inspected);
    }

    @EventHandler
    void on(PayoutStarted event, TrackingToken token) {
        long position = positionOf(token);
        FinanceApplication application = applicationOf(event.applicationId());
        String day = dayOf(event.startedAt());
        PayoutEntry known = store.payout(event.payoutId()).orElse(null);
        if (known == null || position > known.lastAppliedPosition()) {
            PayoutEntry started = new PayoutEntry(event.payoutId(), event.applicationId(), application.applicationNumber(),
                    application.customerId(), event.attempt(), event.method(), MoneyView.of(event.amount()),
                    PayoutStatus.STARTED, event.startedAt(), null, day, null, null, position);
            payoutLists.file(started, known == null ? null : known.status(), position);
            store.save(started);
        }
        store.indexPayout(day, event.payoutId(), position);
        update(application, position, a -> a.payout(event.attempt(), PayoutStatus.STARTED, null, position));
    }

    @EventHandler
    void on(PayoutFailed event, TrackingToken token) {
        long position = positionOf(token);
        PayoutEntry payout = payoutOf(event.payoutId(), event.applicationId());
        if (position > payout.lastAppliedPosition()) {
            if (payout.amount() != null) {
                addToDay(event.failedAt(), payout.amount().toMoney(), position, (totals, amount) -> totals.failed(amount, position));
            }
            PayoutEntry failed = payout.completed(PayoutStatus.FAILED, event.failedAt(), null, event.reason(), position);
            payoutLists.file(failed, payout.status(), position);
            store.save(failed);
        }
        FinanceApplication application = applicationOf(event.applicationId());
        update(application, position, a -> a.payout(a.payoutAttempts(), PayoutStatus.FAILED, event.reason(), position));
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        long position = positionOf(token);
        PayoutEntry payout = payoutOf(event.payoutId(), event.applicationId());
        if (position > payout.lastAppliedPosition()) {
            addToDay(event.succeededAt(), event.amount(), position, (totals, amount) -> totals.paidOut(amount, position));
            PayoutEntry succeeded = payout.completed(PayoutStatus.SUCCEEDED, event.succeededAt(), event.externalReference(), null,
                    position);
            payoutLists.file(succeeded, payout.status(), position);
            store.save(succeeded);
        }
        FinanceApplication application = applicationOf(event.applicationId());
        leaveQueue(application, position);
        update(application, position, a -> a.payout(a.payoutAttempts(), PayoutStatus.SUCCEEDED, null, position));
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token) {
        close(event.applicationId(), positionOf(token));
    }

    /** Only a return that failed inspection is rejected after approval; before approval it was never in the queue. */
    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        close(event.applicationId(), positionOf(token));
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    private void close(String applicationId, long position) {
        FinanceApplication application = applicationOf(applicationId);
        leaveQueue(application, position);
        update(application, position, a -> a.closed(position));
    }

    /** Approved, money to pay, and neither paid out nor closed. */
    private static boolean inQueue(FinanceApplication application) {
        return application.approvedAt() != null && application.paysMoney() && !application.paidOut() && !application.closed();
    }

    /**
     * Before the application document records the event (so a crash in between is repaired by redelivery), and not for
     * an event it has recorded already; an application that never was in the queue is simply not found there.
     */
    private void leaveQueue(FinanceApplication application, long position) {
        if (application.approvedAt() != null && position > application.lastAppliedPosition()) {
            unpaid.dequeue(dayOf(application.approvedAt()), application.applicationId(), position);
        }
    }

    private interface TotalsChange {
        DayTotals apply(DayTotals totals, Money amount);
    }

    /** Into the cell of the day and that of its month, each guarded by the position it last applied. */
    private void addToDay(Instant at, Money amount, long position, TotalsChange change) {
        // Done already by the batch's read-ahead, except in a batch of one event, which reads nothing ahead: the months
        // must be complete before this batch reads or changes its first cell.
        store.completeMonthsOnce();
        String day = dayOf(at);
        String currency = amount.currency();
        DayTotals totals = store.dayTotals(day, currency).orElse(DayTotals.empty(day, currency));
        if (position > totals.lastAppliedPosition()) {
            store.save(change.apply(totals, amount));
        }
        String month = FinanceReportsStore.monthOf(day);
        DayTotals monthTotals = store.monthTotals(month, currency).orElse(DayTotals.empty(month, currency));
        if (position > monthTotals.lastAppliedPosition()) {
            store.saveMonth(change.apply(monthTotals, amount));
        }
    }

    /** Reads what a batch will need as it starts: its applications, and the payouts its payout events name. */
    public void readAhead(BatchEvents events) {
        store.completeMonthsOnce();
        store.prefetch(events.aggregateIds());
        Set<String> payouts = new LinkedHashSet<>(events.idsOf(PayoutStarted.class, PayoutStarted::payoutId));
        payouts.addAll(events.idsOf(PayoutFailed.class, PayoutFailed::payoutId));
        payouts.addAll(events.idsOf(PayoutSucceeded.class, PayoutSucceeded::payoutId));
        store.prefetchPayouts(payouts);
        // The day totals the batch adds to, in every currency it names (a failed payout's is that of its start).
        Set<String> days = new LinkedHashSet<>();
        Set<String> currencies = new LinkedHashSet<>();
        for (EventMessage<?> message : events.messages()) {
            if (message.getPayload() instanceof RefundApplicationApproved e) {
                days.add(dayOf(e.approvedAt()));
                currencies.add(e.approvedAmount().currency());
            } else if (message.getPayload() instanceof PayoutStarted e) {
                currencies.add(e.amount().currency());
            } else if (message.getPayload() instanceof PayoutFailed e) {
                days.add(dayOf(e.failedAt()));
            } else if (message.getPayload() instanceof PayoutSucceeded e) {
                days.add(dayOf(e.succeededAt()));
                currencies.add(e.amount().currency());
            }
        }
        store.prefetchDayTotals(days, currencies);
    }

    private void update(FinanceApplication application, long position, UnaryOperator<FinanceApplication> change) {
        if (position <= application.lastAppliedPosition()) {
            return;
        }
        store.save(change.apply(application));
    }

    private FinanceApplication applicationOf(String applicationId) {
        return store.application(applicationId).orElse(FinanceApplication.unknown(applicationId));
    }

    /** A payout whose start the reports never saw (a partial history) is recorded from what its end tells. */
    private PayoutEntry payoutOf(String payoutId, String applicationId) {
        return store.payout(payoutId).orElseGet(() -> {
            FinanceApplication application = applicationOf(applicationId);
            return new PayoutEntry(payoutId, applicationId, application.applicationNumber(), application.customerId(), 0,
                    application.payoutMethod(), application.amountToRefund(), PayoutStatus.STARTED, null, null, null,
                    null, null, 0);
        });
    }

    private String dayOf(Instant at) {
        return LocalDate.ofInstant(at, businessZone).toString();
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
