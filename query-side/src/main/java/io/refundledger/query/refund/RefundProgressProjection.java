package io.refundledger.query.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.query.finance.FinanceQueue;
import io.refundledger.query.finance.RefundsByStatusStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@link RefundProgressView}s, and the finance lists they belong on, in step with the refund events.
 *
 * <p>Read-model writes cannot be atomic with the processor's token update, so after a crash a batch is
 * delivered again. Every view remembers the global position of the last event applied to it, and an event
 * at or below that position is skipped: redelivery changes nothing. Events of one application arrive in
 * order (Axon sequences per aggregate), so one application's view has one writer at a time. Side documents
 * (order/customer index, finance lists) are written before the view, with idempotent atomic updates: a
 * crash in between leaves the view behind, so the redelivered event is applied again and repeats them.
 *
 * <p>What each event changes is in {@link RefundProgressFold}, which the audit side reuses without storage.
 */
@Component
@ProcessingGroup(RefundProgressProjection.PROCESSING_GROUP)
public class RefundProgressProjection {

    public static final String PROCESSING_GROUP = "refund-progress";
    /** Metadata key the command side uses for who did something. */
    public static final String ACTOR = MetadataKeys.ACTOR;
    public static final Duration DEFAULT_PAYOUT_DEADLINE = Duration.ofDays(3);

    private final RefundProgressStore store;
    private final RefundsByStatusStore financeLists;
    private final RefundProgressFold fold;

    @Autowired
    public RefundProgressProjection(RefundProgressStore store, RefundsByStatusStore financeLists,
                                    @Value("${ledger.refund-policy.payout-deadline:P3D}") Duration payoutDeadline) {
        this.store = store;
        this.financeLists = financeLists;
        this.fold = new RefundProgressFold(payoutDeadline);
    }

    // ------------------------------------------------------------------------------------------- submission and review

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<RefundProgressView> existing = store.findById(event.applicationId());
        if (existing.isPresent() && alreadyApplied(existing.get(), position)) {
            return;
        }
        // Index entries before the view: a crash in between leaves no view, so the redelivered event is applied
        // again. The other way round, the redelivery would be skipped and the entries never written.
        store.indexUnderOrder(event.orderId(), event.applicationId());
        store.indexUnderCustomer(event.customerId(), event.applicationId());
        save(existing.orElse(null), fold.apply(null, event, actorOf(metaData), position));
    }

    @EventHandler
    void on(RefundPolicyEvaluated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationAssigned event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(MoreInformationProvided event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(FirstApprovalGiven event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    // ------------------------------------------------------------------------------------------- returns and exchanges

    @EventHandler
    void on(ReturnAuthorized event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(ReturnShipped event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(ReturnReceived event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(ReplacementShipped event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    // ------------------------------------------------------------------------------------------- payout and after

    @EventHandler
    void on(PayoutStarted event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(PayoutFailed event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(SatisfactionRated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(CustomerNotificationRequested event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    @EventHandler
    void on(RefundApplicationEscalated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, metaData);
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
        financeLists.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    /** Loads the view, skips an event already applied, folds the event in and stores the result. */
    private void update(String applicationId, TrackingToken token, Object event, MetaData metaData) {
        long position = positionOf(token);
        RefundProgressView current = store.findById(applicationId).orElseThrow(() -> new IllegalStateException(
                "No progress view for refund application " + applicationId + " at position " + position + " ("
                        + event.getClass().getSimpleName() + "); its submission must have been applied first"));
        if (alreadyApplied(current, position)) {
            return;
        }
        save(current, fold.apply(current, event, actorOf(metaData), position));
    }

    /**
     * Finance list first, view second (see the class comment). The move is repeated on redelivery because the
     * stored view is still the old one then; readers filter list members by their view, so the moment between
     * the two writes shows nothing wrong either.
     */
    private void save(RefundProgressView before, RefundProgressView after) {
        financeLists.move(before, after, after.lastAppliedPosition());
        store.save(after);
    }

    private static boolean alreadyApplied(RefundProgressView view, long position) {
        return position <= view.lastAppliedPosition();
    }

    private static long positionOf(TrackingToken token) {
        // Our store tracks with dense global sequence numbers; a replay wraps them, and position() sees through that.
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }

    private static String actorOf(MetaData metaData) {
        return Objects.toString(metaData.get(ACTOR), null);
    }
}
