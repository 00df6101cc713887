package io.refundledger.command.subscription.process;

import io.refundledger.command.subscription.SubscriptionPersonalData;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.events.common.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The durable process manager of a cancellation (退订 → 数据导出 → 停用账号 → termination → linked refund →
 * 数据删除): it only <em>records</em> what happened, in {@link CancellationProcessStore}, and what is due next. It never
 * sends a command itself; the {@link CancellationProcessRunner} does, from the stored state, when a step is due.
 * So a replay (after a reset) rebuilds the state without sending anything, a restart continues from MongoDB, and
 * time-bound steps (END_OF_TERM, the purge after retention) wait for their day without a thread waiting.
 *
 * <p>The linked refund is recognised by its own submission event, which names the subscription; its later events
 * find the process through the refund-link documents.
 */
@ProcessingGroup(SubscriptionCancellationProcess.PROCESSING_GROUP)
public class SubscriptionCancellationProcess {

    public static final String PROCESSING_GROUP = "subscription-cancellations";

    private final CancellationProcessStore store;

    public SubscriptionCancellationProcess(CancellationProcessStore store) {
        this.store = store;
    }

    @EventHandler
    void on(SubscriptionStarted event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.started(event.customerId(), event.customerSegment(),
                event.productId(), event.contact() == null ? SubscriptionPersonalData.keyId(event.subscriptionId())
                        : event.contact().keyId()));
    }

    @EventHandler
    void on(SubscriptionCancellationRequested event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.cancellationRequested(event.cancellationId(),
                event.customerId(), event.reason(), event.reasonText(), event.effect(), event.effectiveDate(),
                event.requestedAt()));
    }

    @EventHandler
    void on(CancellationSettlementCalculated event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.settled(event.cancellationId(), event.termStart(),
                event.prepaidAmount(), event.netRefund()));
    }

    @EventHandler
    void on(SubscriptionDataExportRequested event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.exportRequested(event.cancellationId(), event.exportId()));
    }

    @EventHandler
    void on(SubscriptionDataExportCompleted event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.exportCompleted(event.exportId()));
    }

    @EventHandler
    void on(SubscriptionAccountsDeactivated event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.accountsDeactivated(event.cancellationId()));
    }

    @EventHandler
    void on(SubscriptionTerminated event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.terminated(event.cancellationId(), event.netRefund(),
                event.personalDataRetainedUntil(), event.terminatedAt()));
    }

    @EventHandler
    void on(SubscriptionCancellationRevoked event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.revoked(event.cancellationId()));
    }

    @EventHandler
    void on(SettlementRefundRequested event, TrackingToken token) {
        long position = positionOf(token);
        store.link(event.refundApplicationId(), event.subscriptionId(), position);
        store.apply(event.subscriptionId(), position, p -> p.refundRecorded(event.refundApplicationId(),
                event.applicationNumber()));
    }

    @EventHandler
    void on(SettlementStatusChanged event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.settlementStatusRecorded(event.refundApplicationId(),
                event.status()));
    }

    @EventHandler
    void on(SubscriptionPersonalDataPurged event, TrackingToken token) {
        store.apply(event.subscriptionId(), positionOf(token), p -> p.purged(event.keyId(), event.purgedAt()));
    }

    // ---- the linked refund application

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token) {
        if (event.subscriptionId() == null) {
            return; // an ordinary refund: not ours
        }
        long position = positionOf(token);
        store.link(event.applicationId(), event.subscriptionId(), position);
        store.apply(event.subscriptionId(), position, p -> p.refundOpened(event.applicationId(), event.applicationNumber()));
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        refundMovedOn(event.applicationId(), SettlementStatus.REFUND_APPROVED, event.approvedAmount(), token);
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        refundMovedOn(event.applicationId(), SettlementStatus.REFUND_PAID, event.amount(), token);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        refundMovedOn(event.applicationId(), SettlementStatus.REFUND_REJECTED, null, token);
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token) {
        refundMovedOn(event.applicationId(), SettlementStatus.REFUND_WITHDRAWN, null, token);
    }

    /** A replay rebuilds every process from the events; the runner's dispatch journal stops it sending anything twice. */
    @ResetHandler
    void onReset() {
        store.deleteState();
    }

    private void refundMovedOn(String applicationId, SettlementStatus status, Money amount, TrackingToken token) {
        long position = positionOf(token);
        store.subscriptionOf(applicationId).ifPresent(subscriptionId ->
                store.apply(subscriptionId, position, p -> p.refundMovedOn(applicationId, status, amount)));
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " processor needs tracking tokens with a position, got " + token));
    }
}
