package io.refundledger.query.kpi;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.query.analytics.CellUnit;
import io.refundledger.query.analytics.Granularity;
import io.refundledger.query.common.BatchEvents;
import io.refundledger.query.kpi.StaffContributions.Credit;
import io.refundledger.query.kpi.StaffContributions.Outcome;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the staff KPI cells ({@link StaffKpiCell}) in step with the refund events. What each event credits to
 * whom, on which day, is decided in {@link StaffContributions}; the credit is added to the staff member's day cell and,
 * by the same delta, to the week and month cells holding that day, so a question reads whole weeks and months as one
 * cell each.
 *
 * <p>A cell gathers events of many applications, so this processing group runs with one segment: events
 * arrive in global order, one at a time. Per event, the cells are written first and the application's track
 * last, each only if the event's position is newer than the one it keeps. After a crash the redelivered event
 * finds its track not yet updated, computes the same credits again from it, and the cells that already have
 * them skip them: redelivery changes nothing.
 */
@Component
@ProcessingGroup(StaffKpiProjection.PROCESSING_GROUP)
public class StaffKpiProjection {

    public static final String PROCESSING_GROUP = "staff-kpis";

    private final StaffKpiStore store;
    private final StaffContributions contributions;

    @Autowired
    public StaffKpiProjection(StaffKpiStore store, @Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this(store, ZoneId.of(businessZone));
    }

    StaffKpiProjection(StaffKpiStore store, ZoneId businessZone) {
        this.store = store;
        this.contributions = new StaffContributions(businessZone);
    }

    /**
     * Reads what a batch will need as it starts: its applications' tracks, then every cell its events credit (day,
     * week and month), found by folding the events over the tracks ({@link StaffContributions} is pure; nothing is
     * written).
     */
    public void readAhead(BatchEvents events) {
        store.prefetch(events.aggregateIds());
        Map<String, ApplicationTrack> tracks = new HashMap<>();
        Set<StaffCellKey> cells = new LinkedHashSet<>();
        for (EventMessage<?> message : events.handledBy(StaffKpiProjection.class).messages()) {
            if (!(message instanceof DomainEventMessage<?> event)) {
                continue;
            }
            String applicationId = event.getAggregateIdentifier();
            ApplicationTrack before = tracks.containsKey(applicationId) ? tracks.get(applicationId)
                    : store.track(applicationId).orElse(null);
            Outcome outcome = contributions.apply(before, event.getPayload(),
                    Objects.toString(event.getMetaData().get(MetadataKeys.ACTOR), null));
            cells.addAll(cellChanges(outcome.credits().values()).keySet());
            tracks.put(applicationId, outcome.track());
        }
        store.prefetchCells(cells);
    }

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(RefundApplicationAssigned event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(FirstApprovalGiven event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(ReturnReceived event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(PayoutStarted event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(SatisfactionRated event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    @EventHandler
    void on(RefundApplicationEscalated event, TrackingToken token, MetaData metaData) {
        apply(event.applicationId(), event, token, metaData);
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    private void apply(String applicationId, Object event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<ApplicationTrack> before = store.track(applicationId);
        if (before.isPresent() && position <= before.get().lastAppliedPosition()) {
            return; // delivered again after a crash: already applied
        }
        Outcome outcome = contributions.apply(before.orElse(null), event, Objects.toString(metaData.get(MetadataKeys.ACTOR), null));
        cellChanges(outcome.credits().values()).forEach((key, change) -> addToCell(key, change, position));
        store.save(outcome.track().at(position));
    }

    /**
     * The event's credits as changes of the day, week and month cells they fall in, summed per cell first: two days of
     * one week must reach the week's cell in one write, as the position guard lets only one change per event through.
     */
    private static Map<StaffCellKey, StaffKpiTotals> cellChanges(Collection<Credit> credits) {
        Map<StaffCellKey, StaffKpiTotals> changes = new LinkedHashMap<>();
        for (Granularity span : Granularity.values()) {
            for (Credit credit : credits) {
                changes.merge(new StaffCellKey(CellUnit.holding(span, credit.date()), credit.staffId()),
                        credit.contribution(), StaffKpiTotals::plus);
            }
        }
        return changes;
    }

    private void addToCell(StaffCellKey key, StaffKpiTotals change, long position) {
        if (change.isEmpty()) {
            return;
        }
        Optional<StaffKpiCell> existing = store.cell(key);
        if (existing.isPresent() && existing.get().lastAppliedPosition() >= position) {
            return; // delivered again after a crash: this cell already has it
        }
        if (existing.isEmpty()) {
            // Listed before it is written: a listed cell not written yet is harmless, an unlisted one invisible to queries.
            store.index(key, position);
        }
        store.save(existing.orElse(StaffKpiCell.empty(key)).plus(change, position));
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }
}
