package io.refundledger.query.analytics.cancellation;

import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.query.analytics.CellKeys;
import io.refundledger.query.refund.RefundProgressView.MoneyView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How each subscription event changes the cancellation analytics. Pure.
 *
 * <ul>
 *   <li>A request counts in the period of its business day, with the subscription's plan, product and segment.</li>
 *   <li>A refusal is an attempt that never became a request: it counts as refused on its own day.</li>
 *   <li>Termination brings the settlement's net refund and the calendar days (business zone) from the request's
 *       day to the termination's day; the linked refund being paid ({@code REFUND_PAID}) brings the amount paid.</li>
 * </ul>
 */
public final class CancellationAnalyticsFold {

    private final ZoneId businessZone;

    public CancellationAnalyticsFold(ZoneId businessZone) {
        this.businessZone = businessZone;
    }

    public SubscriptionProfile started(SubscriptionStarted event, long position) {
        return new SubscriptionProfile(event.subscriptionId(), CellKeys.orUnknown(event.planCode()),
                CellKeys.orUnknown(event.productId()), CellKeys.orUnknown(event.customerSegment()), position);
    }

    /** @param customerChannel the request's {@code customerChannel} metadata, may be null */
    public CancellationTrack requested(SubscriptionCancellationRequested event, SubscriptionProfile profile,
                                       Object customerChannel, long position) {
        CancellationCellKey cell = cell(event.requestedAt(), event.reason(), event.effect(), profile, customerChannel);
        return new CancellationTrack(event.cancellationId(), event.subscriptionId(), cell, CancellationStatus.REQUESTED,
                null, null, null, position);
    }

    /** The cell a refused attempt counts in. */
    public CancellationCellKey refused(SubscriptionCancellationRefused event, SubscriptionProfile profile,
                                       Object customerChannel) {
        return cell(event.refusedAt(), event.reason(), event.effect(), profile, customerChannel);
    }

    /** The track after {@code event}; unchanged (but for the position) for events that change no figure. */
    public CancellationTrack apply(CancellationTrack t, Object event, long position) {
        if (event instanceof SubscriptionCancellationRevoked) {
            return new CancellationTrack(t.cancellationId(), t.subscriptionId(), t.cell(), CancellationStatus.REVOKED,
                    null, null, t.refundPaid(), position);
        }
        if (event instanceof SubscriptionTerminated e) {
            long days = Math.max(0, ChronoUnit.DAYS.between(t.cell().date(), day(e.terminatedAt())));
            return new CancellationTrack(t.cancellationId(), t.subscriptionId(), t.cell(), CancellationStatus.TERMINATED,
                    days, MoneyView.of(e.netRefund()), t.refundPaid(), position);
        }
        if (event instanceof SettlementStatusChanged e && e.status() == SettlementStatus.REFUND_PAID) {
            return new CancellationTrack(t.cancellationId(), t.subscriptionId(), t.cell(), t.status(),
                    t.daysToTermination(), t.netRefund(), MoneyView.of(e.amount()), position);
        }
        return new CancellationTrack(t.cancellationId(), t.subscriptionId(), t.cell(), t.status(), t.daysToTermination(),
                t.netRefund(), t.refundPaid(), position);
    }

    private CancellationCellKey cell(Instant at, CancellationReason reason, CancellationEffect effect,
                                     SubscriptionProfile profile, Object customerChannel) {
        return new CancellationCellKey(day(at).toString(), reason == null ? CellKeys.UNKNOWN : reason.name(),
                profile.planCode(), profile.productId(), profile.segment(),
                effect == null ? CellKeys.UNKNOWN : effect.name(), CellKeys.channel(customerChannel));
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, businessZone);
    }
}
