package io.refundledger.query.refund;

import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@link RefundProgressView}s in step with the refund events.
 *
 * <p>Read-model writes cannot be atomic with the processor's token update, so after a crash a batch is
 * delivered again. Every view remembers the global position of the last event applied to it, and an event
 * at or below that position is skipped: redelivery changes nothing. Events of one application arrive in
 * order (Axon sequences per aggregate), so one application's view has one writer at a time.
 */
@Component
@ProcessingGroup(RefundProgressProjection.PROCESSING_GROUP)
public class RefundProgressProjection {

    public static final String PROCESSING_GROUP = "refund-progress";
    /** Metadata key the command side uses for who did something. */
    public static final String ACTOR = "actor";

    private final RefundProgressStore store;

    public RefundProgressProjection(RefundProgressStore store) {
        this.store = store;
    }

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
        TimelineStep submitted = new TimelineStep(ProgressStep.SUBMITTED, event.submittedAt(), event.reasonText(), actorOf(metaData));
        store.save(new RefundProgressView(
                event.applicationId(),
                event.applicationNumber(),
                event.customerId(),
                event.orderId(),
                event.type(),
                RefundStatus.SUBMITTED,
                MoneyView.of(event.paidAmount()),
                MoneyView.of(event.requestedAmount()),
                null,
                event.reasonCategory(),
                event.reasonText(),
                event.payoutMethod(),
                event.purchasedAt(),
                event.submittedAt(),
                null,
                event.submittedAt(),
                null,
                List.of(submitted),
                position));
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token, MetaData metaData) {
        TimelineStep approved = new TimelineStep(ProgressStep.APPROVED, event.approvedAt(), event.note(), actorOf(metaData));
        applyDecision(event.applicationId(), positionOf(token), RefundStatus.APPROVED,
                MoneyView.of(event.approvedAmount()), null, approved);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token, MetaData metaData) {
        TimelineStep rejected = new TimelineStep(ProgressStep.REJECTED, event.rejectedAt(), event.reason(), actorOf(metaData));
        applyDecision(event.applicationId(), positionOf(token), RefundStatus.REJECTED, null, event.reason(), rejected);
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    private void applyDecision(String applicationId, long position, RefundStatus status, MoneyView approvedAmount,
                               String rejectionReason, TimelineStep step) {
        RefundProgressView current = store.findById(applicationId).orElseThrow(() -> new IllegalStateException(
                "No progress view for refund application " + applicationId + " at position " + position
                        + "; its submission must have been applied first"));
        if (alreadyApplied(current, position)) {
            return;
        }
        List<TimelineStep> timeline = new ArrayList<>(current.timeline());
        timeline.add(step);
        store.save(new RefundProgressView(
                current.applicationId(),
                current.applicationNumber(),
                current.customerId(),
                current.orderId(),
                current.type(),
                status,
                current.paidAmount(),
                current.requestedAmount(),
                approvedAmount,
                current.reasonCategory(),
                current.reasonText(),
                current.payoutMethod(),
                current.purchasedAt(),
                current.submittedAt(),
                step.at(),
                step.at(),
                rejectionReason,
                timeline,
                position));
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
