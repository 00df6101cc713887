package io.refundledger.query.subscription;

import io.refundledger.events.common.MetadataKeys;
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
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionRenewed;
import io.refundledger.events.subscription.SubscriptionSeatsChanged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@link SubscriptionStatusView}s in step with the subscription events and with the events of the refund
 * applications that settle cancellations.
 *
 * <p>One segment, so events arrive in global order and each view has one writer. Every view remembers the global
 * position of the last event applied to it; an event at or below it is skipped, so a redelivered batch changes
 * nothing. Side documents (customer index, refund links) are written before the view with idempotent atomic
 * updates: a crash in between leaves the view behind, and the redelivery repeats them.
 *
 * <p>The contact person is decrypted here, once, when the subscription starts; when its key has been destroyed
 * (retention over) it comes back empty, so a replay after the purge never brings the personal data back.
 */
@Component
@ProcessingGroup(SubscriptionStatusProjection.PROCESSING_GROUP)
public class SubscriptionStatusProjection {

    public static final String PROCESSING_GROUP = "subscriptions";

    private final SubscriptionStatusStore store;
    private final SubscriptionContacts contacts;
    private final SubscriptionStatusFold fold;

    @Autowired
    public SubscriptionStatusProjection(SubscriptionStatusStore store, PersonalDataVault vault,
                                        @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this(store, vault, ZoneId.of(businessZone));
    }

    public SubscriptionStatusProjection(SubscriptionStatusStore store, PersonalDataVault vault, ZoneId businessZone) {
        this.store = store;
        this.contacts = new SubscriptionContacts(vault);
        this.fold = new SubscriptionStatusFold(businessZone);
    }

    // ------------------------------------------------------------------------------------------- the subscription

    @EventHandler
    void on(SubscriptionStarted event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<SubscriptionStatusView> existing = store.findById(event.subscriptionId());
        if (existing.isPresent() && alreadyApplied(existing.get(), position)) {
            return;
        }
        store.indexUnderCustomer(event.customerId(), event.subscriptionId());
        store.save(fold.start(event, contacts.decrypt(event.contact()).orElse(null), actorOf(metaData), position));
    }

    @EventHandler
    void on(SubscriptionRenewed event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(AutoRenewalSwitchedOff event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(AutoRenewalSwitchedOn event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionSeatsChanged event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    // ------------------------------------------------------------------------------------------- the cancellation

    @EventHandler
    void on(SubscriptionCancellationRefused event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionCancellationRequested event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(CancellationSettlementCalculated event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionCancellationRevoked event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionDataExportRequested event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionDataExportCompleted event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionAccountsDeactivated event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionTerminated event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SettlementRefundRequested event, TrackingToken token, MetaData metaData) {
        if (!isApplied(event.subscriptionId(), token)) {
            store.linkRefund(event.refundApplicationId(), event.subscriptionId());
        }
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SettlementStatusChanged event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    @EventHandler
    void on(SubscriptionPersonalDataPurged event, TrackingToken token, MetaData metaData) {
        update(event.subscriptionId(), token, event, metaData);
    }

    // ------------------------------------------------------------------------------------------- the linked refund

    /** An application that names a subscription settles its cancellation: remember the link for its later events. */
    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token, MetaData metaData) {
        String subscriptionId = event.subscriptionId();
        if (subscriptionId == null || store.findById(subscriptionId).isEmpty()) {
            return; // a purchase refund, or one naming a subscription this side never saw started: nothing to show it on
        }
        if (!isApplied(subscriptionId, token)) {
            store.linkRefund(event.applicationId(), subscriptionId);
        }
        update(subscriptionId, token, event, metaData);
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(MoreInformationProvided event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(FirstApprovalGiven event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(PayoutStarted event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(PayoutFailed event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token, MetaData metaData) {
        linkedRefundMoved(event.applicationId(), token, event, metaData);
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    /** Most refund applications settle no subscription: one {@code _id} lookup tells, and then nothing happens. */
    private void linkedRefundMoved(String applicationId, TrackingToken token, Object event, MetaData metaData) {
        store.subscriptionOfRefund(applicationId).ifPresent(subscriptionId -> update(subscriptionId, token, event, metaData));
    }

    /** Loads the view, skips an event already applied, folds the event in and stores the result. */
    private void update(String subscriptionId, TrackingToken token, Object event, MetaData metaData) {
        long position = positionOf(token);
        SubscriptionStatusView current = store.findById(subscriptionId).orElseThrow(() -> new IllegalStateException(
                "No status view for subscription " + subscriptionId + " at position " + position + " ("
                        + event.getClass().getSimpleName() + "); its start must have been applied first"));
        if (alreadyApplied(current, position)) {
            return;
        }
        SubscriptionStatusView next = fold.apply(current, event, actorOf(metaData), position);
        if (next != current) {
            store.save(next);
        }
    }

    private boolean isApplied(String subscriptionId, TrackingToken token) {
        long position = positionOf(token);
        return store.findById(subscriptionId).map(view -> alreadyApplied(view, position)).orElse(false);
    }

    private static boolean alreadyApplied(SubscriptionStatusView view, long position) {
        return position <= view.lastAppliedPosition();
    }

    private static long positionOf(TrackingToken token) {
        // Our store tracks with dense global sequence numbers; a replay wraps them, and position() sees through that.
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }

    private static String actorOf(MetaData metaData) {
        return Objects.toString(metaData.get(MetadataKeys.ACTOR), null);
    }
}
