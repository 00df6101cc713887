package io.refundledger.query.analytics.cancellation;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.common.BatchEvents;
import org.axonframework.config.ProcessingGroup;
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
 * Keeps the cancellation-reason analytics in step with the subscription events (see
 * {@link CancellationAnalyticsFold} for what each changes).
 *
 * <p>One writer in global order (one segment, {@code application.yml}). Every cell, request track and subscription
 * profile keeps the position it last applied and skips what it has seen, so redelivery changes nothing. Per event
 * the day cells change, and by the same deltas the week and month cells they roll up into (a new cell is listed in
 * its unit's index) and the summaries of the day, week and month, then the request's track. Reads and writes go through the batch of events being processed
 * ({@link io.refundledger.query.common.ReadModelBatch}), written at its end in
 * {@link CancellationAnalyticsStore#FLUSH_ORDER} with the request tracks last, so a crash in between makes the
 * redelivered batch compute the same changes again for the cells that missed them.
 */
@Component
@ProcessingGroup(CancellationAnalyticsProjection.PROCESSING_GROUP)
public class CancellationAnalyticsProjection {

    public static final String PROCESSING_GROUP = "cancellation-analytics";

    private final CancellationAnalyticsStore store;
    private final CancellationAnalyticsFold fold;

    public CancellationAnalyticsProjection(CancellationAnalyticsStore store,
                                           @Value("${ledger.business-zone:Asia/Shanghai}") ZoneId businessZone) {
        this.store = store;
        this.fold = new CancellationAnalyticsFold(businessZone);
    }

    /**
     * Reads what a batch will need as it starts: its subscriptions' profiles and the request tracks its events name,
     * then every cell and summary they count in before and after the batch's events, found by folding the events over
     * the tracks (the fold is pure; nothing is written).
     */
    public void readAhead(BatchEvents events) {
        store.prefetch(events.aggregateIds());
        Set<String> cancellations = new LinkedHashSet<>(events.idsOf(SubscriptionCancellationRequested.class,
                SubscriptionCancellationRequested::cancellationId));
        cancellations.addAll(events.idsOf(SubscriptionCancellationRevoked.class, SubscriptionCancellationRevoked::cancellationId));
        cancellations.addAll(events.idsOf(SubscriptionTerminated.class, SubscriptionTerminated::cancellationId));
        cancellations.addAll(events.idsOf(SettlementStatusChanged.class, SettlementStatusChanged::cancellationId));
        store.prefetchRequests(cancellations);

        Map<String, SubscriptionProfile> profiles = new HashMap<>();
        Map<String, CancellationTrack> tracks = new HashMap<>();
        Set<CancellationCellKey> days = new LinkedHashSet<>();
        for (EventMessage<?> message : events.messages()) {
            Object channel = message.getMetaData().get(MetadataKeys.CUSTOMER_CHANNEL);
            if (message.getPayload() instanceof SubscriptionStarted e) {
                profiles.put(e.subscriptionId(), fold.started(e, 0));
            } else if (message.getPayload() instanceof SubscriptionCancellationRequested e) {
                SubscriptionProfile profile = profile(profiles, e.subscriptionId());
                track(tracks, e.cancellationId()).ifPresent(before -> days.add(before.cell()));
                if (profile != null) {
                    CancellationTrack requested = fold.requested(e, profile, channel, 0);
                    tracks.put(e.cancellationId(), requested);
                    days.add(requested.cell());
                }
            } else if (message.getPayload() instanceof SubscriptionCancellationRefused e) {
                SubscriptionProfile profile = profile(profiles, e.subscriptionId());
                if (profile != null) {
                    days.add(fold.refused(e, profile, channel));
                }
            } else {
                String cancellationId = cancellationIdOf(message.getPayload());
                Optional<CancellationTrack> before = cancellationId == null ? Optional.empty() : track(tracks, cancellationId);
                before.ifPresent(track -> {
                    CancellationTrack after = fold.apply(track, message.getPayload(), 0);
                    tracks.put(cancellationId, after);
                    days.add(track.cell());
                    days.add(after.cell());
                });
            }
        }
        store.prefetchCells(days);
    }

    private SubscriptionProfile profile(Map<String, SubscriptionProfile> batch, String subscriptionId) {
        return batch.containsKey(subscriptionId) ? batch.get(subscriptionId) : store.findSubscription(subscriptionId).orElse(null);
    }

    private Optional<CancellationTrack> track(Map<String, CancellationTrack> batch, String cancellationId) {
        return batch.containsKey(cancellationId) ? Optional.of(batch.get(cancellationId)) : store.findRequest(cancellationId);
    }

    /** The cancellation an event after the request moves (the events {@link #update} handles), else null. */
    private static String cancellationIdOf(Object payload) {
        if (payload instanceof SubscriptionCancellationRevoked e) {
            return e.cancellationId();
        }
        if (payload instanceof SubscriptionTerminated e) {
            return e.cancellationId();
        }
        if (payload instanceof SettlementStatusChanged e && e.status() == SettlementStatus.REFUND_PAID) {
            return e.cancellationId();
        }
        return null;
    }

    @EventHandler
    void on(SubscriptionStarted event, TrackingToken token) {
        long position = positionOf(token);
        Optional<SubscriptionProfile> existing = store.findSubscription(event.subscriptionId());
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return;
        }
        store.saveSubscription(fold.started(event, position));
    }

    @EventHandler
    void on(SubscriptionCancellationRequested event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<CancellationTrack> existing = store.findRequest(event.cancellationId());
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return;
        }
        CancellationTrack requested = fold.requested(event, profileOf(event.subscriptionId(), event),
                metaData.get(MetadataKeys.CUSTOMER_CHANNEL), position);
        record(existing.orElse(null), requested);
    }

    @EventHandler
    void on(SubscriptionCancellationRefused event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        CancellationCellKey cell = fold.refused(event, profileOf(event.subscriptionId(), event),
                metaData.get(MetadataKeys.CUSTOMER_CHANNEL));
        addToCells(Map.of(cell, CancellationTotals.oneRefusal()), position);
    }

    @EventHandler
    void on(SubscriptionCancellationRevoked event, TrackingToken token) {
        update(event.cancellationId(), event, token);
    }

    @EventHandler
    void on(SubscriptionTerminated event, TrackingToken token) {
        update(event.cancellationId(), event, token);
    }

    @EventHandler
    void on(SettlementStatusChanged event, TrackingToken token) {
        if (event.status() == SettlementStatus.REFUND_PAID) {
            update(event.cancellationId(), event, token);
        }
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    private SubscriptionProfile profileOf(String subscriptionId, Object event) {
        return store.findSubscription(subscriptionId).orElseThrow(() -> new IllegalStateException(
                "No start known for subscription " + subscriptionId + " (" + event.getClass().getSimpleName()
                        + "); it must have been applied first"));
    }

    private void update(String cancellationId, Object event, TrackingToken token) {
        long position = positionOf(token);
        CancellationTrack before = store.findRequest(cancellationId).orElseThrow(() -> new IllegalStateException(
                "No request known for cancellation " + cancellationId + " (" + event.getClass().getSimpleName()
                        + "); it must have been applied first"));
        if (before.lastAppliedPosition() >= position) {
            return; // delivered again after a crash: already counted
        }
        record(before, fold.apply(before, event, position));
    }

    private void record(CancellationTrack before, CancellationTrack after) {
        Map<CancellationCellKey, CancellationTotals> changes = new LinkedHashMap<>();
        if (before != null) {
            changes.merge(before.cell(), CancellationTotals.NONE.minus(before.contribution()), CancellationTotals::plus);
        }
        changes.merge(after.cell(), after.contribution(), CancellationTotals::plus);
        addToCells(changes, after.lastAppliedPosition());
        store.saveRequest(after);
    }

    private void addToCells(Map<CancellationCellKey, CancellationTotals> changes, long position) {
        for (Granularity span : Granularity.values()) {
            // Summed per roll-up cell first: two day cells of one week (or month) must reach its cell in one write,
            // as the position guard lets only one change per event through.
            Map<CancellationCellKey, CancellationTotals> rolledUp = new LinkedHashMap<>();
            changes.forEach((day, change) -> rolledUp.merge(day.rolledUpTo(span), change, CancellationTotals::plus));
            rolledUp.forEach((key, change) -> addToCell(span, key, change, position));
        }
        store.addToSummaries(changes, position);
    }

    private void addToCell(Granularity span, CancellationCellKey key, CancellationTotals change, long position) {
        if (change.isEmpty()) {
            return;
        }
        Optional<CancellationCell> existing = store.findCell(span, key.idIn(span));
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return; // this cell already has it
        }
        if (existing.isEmpty()) {
            // Listed before it is written: a listed cell not written yet is harmless, an unlisted one would be invisible.
            store.indexCell(span, key, position);
        }
        CancellationTotals before = existing.map(CancellationCell::totals).orElse(CancellationTotals.NONE);
        store.saveCell(span, new CancellationCell(key, before.plus(change), position));
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
