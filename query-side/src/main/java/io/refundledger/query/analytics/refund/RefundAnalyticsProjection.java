package io.refundledger.query.analytics.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.common.BatchEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;


import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the refund-reason analytics in step with the refund events: each application's contribution (see
 * {@link RefundAnalyticsFold}) is added to the cell of its submission day and dimensions, and by the same delta to
 * the week and month cells that day rolls up into and to the summaries of that day, week and month.
 *
 * <p>A cell sums many applications, so this group runs with one segment: one writer, in global order
 * ({@code application.yml}). Redelivery after a crash changes nothing: every cell and every application track
 * keeps the position it last applied and skips what it has seen. Reads and writes go through the batch of events
 * being processed ({@link io.refundledger.query.common.ReadModelBatch}): each event builds on what the earlier ones
 * of the batch left, and the batch is written at its end in {@link RefundAnalyticsStore#FLUSH_ORDER}, indexes, then
 * cells and summaries, then the application tracks last: a crash before the tracks are written leaves them behind, so the
 * redelivered batch computes the same changes again and only the cells that missed them take them.
 */
@Component
@ProcessingGroup(RefundAnalyticsProjection.PROCESSING_GROUP)
public class RefundAnalyticsProjection {

    public static final String PROCESSING_GROUP = "refund-analytics";

    private final RefundAnalyticsStore store;
    private final RefundAnalyticsFold fold;

    public RefundAnalyticsProjection(RefundAnalyticsStore store,
                                     @Value("${ledger.business-zone:Asia/Shanghai}") ZoneId businessZone) {
        this.store = store;
        this.fold = new RefundAnalyticsFold(businessZone);
    }

    /**
     * Reads what a batch will need as it starts: its applications' tracks, then every cell and summary they count in
     * before and after the batch's events, found by folding the events over the tracks (the fold is pure; nothing is
     * written). A submission's cells, and every summary, would otherwise each be read on their own.
     */
    public void readAhead(BatchEvents events) {
        store.prefetchApplications(events.aggregateIds());
        Map<String, RefundApplicationTrack> tracks = new HashMap<>();
        Set<RefundCellKey> days = new LinkedHashSet<>();
        for (EventMessage<?> message : events.messages()) {
            if (!(message instanceof DomainEventMessage<?> event)) {
                continue;
            }
            String applicationId = event.getAggregateIdentifier();
            // Only the cells matter here, and a position moves none: 0, as the other read-aheads fold.
            RefundApplicationTrack after;
            if (event.getPayload() instanceof RefundApplicationSubmitted submitted) {
                after = fold.submitted(submitted, event.getMetaData().get(MetadataKeys.CUSTOMER_CHANNEL), 0);
            } else {
                RefundApplicationTrack before = tracks.containsKey(applicationId) ? tracks.get(applicationId)
                        : store.findApplication(applicationId).orElse(null);
                if (before == null) {
                    continue; // not a refund application's event
                }
                days.add(before.cell());
                after = fold.apply(before, event.getPayload(), 0);
            }
            tracks.put(applicationId, after);
            days.add(after.cell());
        }
        store.prefetchCells(days);
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<RefundApplicationTrack> existing = store.findApplication(event.applicationId());
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return;
        }
        record(existing.orElse(null), fold.submitted(event, metaData.get(MetadataKeys.CUSTOMER_CHANNEL), position));
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    @EventHandler
    void on(ReplacementShipped event, TrackingToken token) {
        update(event.applicationId(), event, token);
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    private void update(String applicationId, Object event, TrackingToken token) {
        long position = positionOf(token);
        RefundApplicationTrack before = store.findApplication(applicationId).orElseThrow(() -> new IllegalStateException(
                "No submission known for refund application " + applicationId + " (" + event.getClass().getSimpleName()
                        + "); it must have been applied first"));
        if (before.lastAppliedPosition() >= position) {
            return; // delivered again after a crash: already counted
        }
        record(before, fold.apply(before, event, position));
    }

    private void record(RefundApplicationTrack before, RefundApplicationTrack after) {
        long position = after.lastAppliedPosition();
        Map<RefundCellKey, RefundTotals> changes = new LinkedHashMap<>();
        if (before != null) {
            changes.merge(before.cell(), RefundTotals.NONE.minus(before.contribution()), RefundTotals::plus);
        }
        changes.merge(after.cell(), after.contribution(), RefundTotals::plus);
        for (Granularity span : Granularity.values()) {
            // Summed per roll-up cell first: two day cells of one week (or month) must reach its cell in one write,
            // as the position guard lets only one change per event through.
            Map<RefundCellKey, RefundTotals> rolledUp = new LinkedHashMap<>();
            changes.forEach((day, change) -> rolledUp.merge(day.rolledUpTo(span), change, RefundTotals::plus));
            rolledUp.forEach((key, change) -> addToCell(span, key, change, position));
        }
        store.addToSummaries(changes, position);
        store.saveApplication(after);
    }

    private void addToCell(Granularity span, RefundCellKey key, RefundTotals change, long position) {
        if (change.isEmpty()) {
            return;
        }
        Optional<RefundCell> existing = store.findCell(span, key.idIn(span));
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return; // this cell already has it
        }
        if (existing.isEmpty()) {
            // Listed before it is written: a listed cell not written yet is harmless, an unlisted one would be invisible.
            store.indexCell(span, key, position);
        }
        RefundTotals before = existing.map(RefundCell::totals).orElse(RefundTotals.NONE);
        store.saveCell(span, new RefundCell(key, before.plus(change), position));
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
