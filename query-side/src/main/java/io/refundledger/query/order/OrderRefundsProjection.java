package io.refundledger.query.order;

import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.query.common.BatchEvents;
import io.refundledger.query.order.OrderRefundsView.Application;
import io.refundledger.query.refund.RefundLifecycle;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps {@link OrderRefundsView}s in step with the refund events and the order ledger's reservations.
 *
 * <p>An order's document is changed by events of several aggregates (its applications and its ledger), and
 * most refund events do not name the order, so no per-aggregate sequencing could give one order a single
 * writer. This processing group therefore runs with one segment ({@code application.yml}): events arrive in
 * global order, one at a time, and the position stored on each document makes redelivery change nothing.
 * Order and customer volumes are small next to the progress views, which keep their parallel segments.
 */
@Component
@ProcessingGroup(OrderRefundsProjection.PROCESSING_GROUP)
public class OrderRefundsProjection {

    public static final String PROCESSING_GROUP = "order-refunds";

    private final OrderRefundsStore store;

    public OrderRefundsProjection(OrderRefundsStore store) {
        this.store = store;
    }

    /** Reads what a batch will need as it starts: its applications' orders, and the orders its events name. */
    public void readAhead(BatchEvents events) {
        Set<String> orders = new LinkedHashSet<>(events.idsOf(RefundApplicationSubmitted.class, RefundApplicationSubmitted::orderId));
        orders.addAll(events.idsOf(OrderRefundReserved.class, OrderRefundReserved::orderId));
        orders.addAll(events.idsOf(OrderRefundReleased.class, OrderRefundReleased::orderId));
        store.prefetch(events.aggregateIds(), orders);
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token) {
        // The lookup first: a crash before the summary is written leaves the event unapplied, so it comes again.
        store.rememberOrder(event.applicationId(), event.orderId());
        updateOrder(event.orderId(), token, event.submittedAt(), (paid, applications) -> {
            if (event.paidAmount() != null) {
                paid.put(event.paidAmount().currency(), MoneyView.of(event.paidAmount()));
            }
            Application submitted = new Application(event.applicationId(), event.applicationNumber(), event.type(),
                    RefundLifecycle.statusAfter(null, event), MoneyView.of(event.paidAmount()),
                    MoneyView.of(event.requestedAmount()), null, null, null, event.submittedAt(), event.submittedAt());
            put(applications, submitted);
        });
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.resubmittedAt(),
                a -> a.withRequestedAmount(MoneyView.of(event.requestedAmount())).withApprovedAmount(null));
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.approvedAt(),
                a -> a.withApprovedAmount(MoneyView.of(event.approvedAmount())));
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.inspectedAt(),
                a -> a.withApprovedAmount(RefundLifecycle.refundableAfterInspection(a.type(), a.approvedAmount(),
                        event.outcome(), MoneyView.of(event.adjustedAmount()))));
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.succeededAt(),
                a -> a.withPaidOutAmount(MoneyView.of(plus(a.paidOutAmount(), event.amount()))));
    }

    // Events that only move the application's status.

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.requestedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(MoreInformationProvided event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.providedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(FirstApprovalGiven event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.approvedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.rejectedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.withdrawnAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(ReturnAuthorized event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.authorizedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(ReturnShipped event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.shippedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(ReturnReceived event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.receivedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(ReplacementShipped event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.shippedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(PayoutStarted event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.startedAt(), UnaryOperator.identity());
    }

    @EventHandler
    void on(PayoutFailed event, TrackingToken token) {
        updateApplication(event.applicationId(), event, token, event.failedAt(), UnaryOperator.identity());
    }

    // The order ledger.

    @EventHandler
    void on(OrderRefundReserved event, TrackingToken token) {
        updateOrder(event.orderId(), token, event.reservedAt(), (paid, applications) -> {
            if (event.paidAmount() != null) {
                paid.put(event.paidAmount().currency(), MoneyView.of(event.paidAmount()));
            }
            Application a = applicationIn(applications, event.applicationId());
            put(applications, a.withReservedAmount(MoneyView.of(plus(a.reservedAmount(), event.amount())), event.reservedAt()));
        });
    }

    @EventHandler
    void on(OrderRefundReleased event, TrackingToken token) {
        updateOrder(event.orderId(), token, event.releasedAt(), (paid, applications) -> {
            Application a = applicationIn(applications, event.applicationId());
            Money left = plus(a.reservedAmount(), Money.zero(event.amount().currency())).minus(event.amount());
            put(applications, a.withReservedAmount(MoneyView.of(left), event.releasedAt()));
        });
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    private interface OrderChange {
        void apply(Map<String, MoneyView> paid, List<Application> applications);
    }

    private void updateApplication(String applicationId, Object event, TrackingToken token, Instant at,
                                   UnaryOperator<Application> change) {
        String orderId = store.orderOf(applicationId).orElseThrow(() -> new IllegalStateException(
                "No order known for refund application " + applicationId + " (" + event.getClass().getSimpleName()
                        + "); its submission must have been applied first"));
        updateOrder(orderId, token, at, (paid, applications) -> {
            Application a = applicationIn(applications, applicationId);
            put(applications, change.apply(a.withStatus(RefundLifecycle.statusAfter(a.status(), event), at)));
        });
    }

    private void updateOrder(String orderId, TrackingToken token, Instant at, OrderChange change) {
        long position = positionOf(token);
        OrderRefundsView current = store.find(orderId).orElse(new OrderRefundsView(orderId, List.of(), List.of(), null, 0));
        if (position <= current.lastAppliedPosition()) {
            return; // delivered again after a crash: already in the document
        }
        Map<String, MoneyView> paid = OrderTotals.paidOf(current.totals());
        List<Application> applications = new ArrayList<>(current.applications());
        change.apply(paid, applications);
        store.save(new OrderRefundsView(orderId, OrderTotals.of(paid, applications), applications, at, position));
    }

    /** The application's entry, or an empty one when the ledger speaks of an application not seen yet. */
    private static Application applicationIn(List<Application> applications, String applicationId) {
        return applications.stream().filter(a -> a.applicationId().equals(applicationId)).findFirst()
                .orElse(new Application(applicationId, null, null, null, null, null, null, null, null, null, null));
    }

    private static void put(List<Application> applications, Application application) {
        for (int i = 0; i < applications.size(); i++) {
            if (applications.get(i).applicationId().equals(application.applicationId())) {
                applications.set(i, application);
                return;
            }
        }
        applications.add(application);
    }

    private static Money plus(MoneyView sum, Money amount) {
        return sum == null ? amount : sum.toMoney().plus(amount);
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
