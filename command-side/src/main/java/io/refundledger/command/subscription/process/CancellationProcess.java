package io.refundledger.command.subscription.process;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.SettlementStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one subscription's cancellation process, rebuilt from events only, and what is due next. Pure: the
 * store persists it, the event handler feeds it, the runner acts on {@link #next(ZoneId)}.
 *
 * <p>When steps are due:
 * <ul>
 *   <li>Export, deactivation and termination: IMMEDIATELY at once (the cancellation's request time);
 *       END_OF_TERM at the start of the effective date in the business zone, never before (the customer keeps
 *       the service, and the export holds their data, up to the end).</li>
 *   <li>After termination: the linked refund at once when the net refund is above zero, then every status of it
 *       in the order it happened.</li>
 *   <li>The purge at the start of the day after {@code personalDataRetainedUntil}; the key's destruction as soon as
 *       the purge is recorded.</li>
 * </ul>
 * A revoked cancellation has nothing due; a new cancellation of the same subscription starts the process afresh.
 *
 * @param refundStatuses  the linked refund's outcomes as they happened (consecutive repeats dropped)
 * @param statusesRecorded how many of {@code refundStatuses} the subscription has recorded
 * @param keyDestroyed     set by the runner once it destroyed the key (the only step without an event)
 */
public record CancellationProcess(
        String subscriptionId,
        String customerId,
        String customerSegment,
        String productId,
        String cancellationId,
        CancellationReason reason,
        String reasonText,
        CancellationEffect effect,
        LocalDate effectiveDate,
        Instant requestedAt,
        LocalDate termStart,
        Money prepaidAmount,
        Money netRefund,
        String exportId,
        boolean exportCompleted,
        boolean accountsDeactivated,
        boolean terminated,
        Instant terminatedAt,
        LocalDate personalDataRetainedUntil,
        String refundApplicationId,
        String applicationNumber,
        boolean refundRecorded,
        List<RefundOutcome> refundStatuses,
        int statusesRecorded,
        boolean revoked,
        boolean purged,
        Instant purgedAt,
        String keyId,
        boolean keyDestroyed) {

    /** One outcome of the linked refund, and the amount it stands at (null when none). */
    public record RefundOutcome(SettlementStatus status, Money amount) {
    }

    public CancellationProcess {
        refundStatuses = refundStatuses == null ? List.of() : List.copyOf(refundStatuses);
    }

    /** A subscription no cancellation has touched yet. */
    public static CancellationProcess of(String subscriptionId) {
        return new CancellationProcess(subscriptionId, null, null, null, null, null, null, null, null, null, null, null,
                null, null, false, false, false, null, null, null, null, false, List.of(), 0, false, false, null, null,
                false);
    }

    // ------------------------------------------------------------------------------------------- transitions

    public CancellationProcess started(String customerId, String customerSegment, String productId, String keyId) {
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged,
                purgedAt, keyId, keyDestroyed);
    }

    /** A new cancellation: everything about an earlier (revoked) one is forgotten. */
    public CancellationProcess cancellationRequested(String cancellationId, String customerId, CancellationReason reason,
                                                     String reasonText, CancellationEffect effect, LocalDate effectiveDate,
                                                     Instant requestedAt) {
        return new CancellationProcess(subscriptionId, customerId == null ? this.customerId : customerId, customerSegment,
                productId, cancellationId, reason, reasonText, effect, effectiveDate, requestedAt, null, null, null, null,
                false, false, false, null, null, null, null, false, List.of(), 0, false, false, null, keyId, false);
    }

    public CancellationProcess settled(String cancellationId, LocalDate termStart, Money prepaidAmount, Money netRefund) {
        if (!isCurrent(cancellationId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, this.cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged,
                purgedAt, keyId, keyDestroyed);
    }

    public CancellationProcess exportRequested(String cancellationId, String exportId) {
        if (!isCurrent(cancellationId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, this.cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged,
                purgedAt, keyId, keyDestroyed);
    }

    public CancellationProcess exportCompleted(String exportId) {
        if (this.exportId == null || !this.exportId.equals(exportId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId, true,
                accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil, refundApplicationId,
                applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged, purgedAt, keyId,
                keyDestroyed);
    }

    public CancellationProcess accountsDeactivated(String cancellationId) {
        if (!isCurrent(cancellationId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, this.cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, true, terminated, terminatedAt, personalDataRetainedUntil, refundApplicationId,
                applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged, purgedAt, keyId,
                keyDestroyed);
    }

    public CancellationProcess terminated(String cancellationId, Money netRefund, LocalDate retainedUntil, Instant at) {
        if (!isCurrent(cancellationId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, this.cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount,
                netRefund == null ? this.netRefund : netRefund, exportId, exportCompleted, accountsDeactivated, true, at,
                retainedUntil, refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded,
                revoked, purged, purgedAt, keyId, keyDestroyed);
    }

    public CancellationProcess revoked(String cancellationId) {
        if (!isCurrent(cancellationId)) {
            return this;
        }
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, this.cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, true, purged,
                purgedAt, keyId, keyDestroyed);
    }

    /** The refund application that pays the settlement exists (its own submission event names the subscription). */
    public CancellationProcess refundOpened(String refundApplicationId, String applicationNumber) {
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, purged,
                purgedAt, keyId, keyDestroyed);
    }

    public CancellationProcess refundRecorded(String refundApplicationId, String applicationNumber) {
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber == null ? this.applicationNumber : applicationNumber, true,
                refundStatuses, statusesRecorded, revoked, purged, purgedAt, keyId, keyDestroyed);
    }

    /** The linked refund moved on. */
    public CancellationProcess refundMovedOn(String refundApplicationId, SettlementStatus status, Money amount) {
        if (this.refundApplicationId == null || !this.refundApplicationId.equals(refundApplicationId)) {
            return this;
        }
        if (!refundStatuses.isEmpty() && refundStatuses.get(refundStatuses.size() - 1).status() == status) {
            return this;
        }
        List<RefundOutcome> statuses = new ArrayList<>(refundStatuses);
        statuses.add(new RefundOutcome(status, amount));
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, statuses, statusesRecorded, revoked, purged,
                purgedAt, keyId, keyDestroyed);
    }

    /** The subscription recorded a status: the next outcome not yet recorded that matches it is done. */
    public CancellationProcess settlementStatusRecorded(String refundApplicationId, SettlementStatus status) {
        if (this.refundApplicationId == null || !this.refundApplicationId.equals(refundApplicationId)) {
            return this;
        }
        for (int i = statusesRecorded; i < refundStatuses.size(); i++) {
            if (refundStatuses.get(i).status() == status) {
                return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId,
                        reason, reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund,
                        exportId, exportCompleted, accountsDeactivated, terminated, terminatedAt,
                        personalDataRetainedUntil, this.refundApplicationId, applicationNumber, refundRecorded,
                        refundStatuses, i + 1, revoked, purged, purgedAt, keyId, keyDestroyed);
            }
        }
        return this;
    }

    public CancellationProcess purged(String keyId, Instant at) {
        return new CancellationProcess(subscriptionId, customerId, customerSegment, productId, cancellationId, reason,
                reasonText, effect, effectiveDate, requestedAt, termStart, prepaidAmount, netRefund, exportId,
                exportCompleted, accountsDeactivated, terminated, terminatedAt, personalDataRetainedUntil,
                refundApplicationId, applicationNumber, refundRecorded, refundStatuses, statusesRecorded, revoked, true, at,
                keyId == null ? this.keyId : keyId, keyDestroyed);
    }

    private boolean isCurrent(String cancellationId) {
        return this.cancellationId != null && this.cancellationId.equals(cancellationId);
    }

    // ------------------------------------------------------------------------------------------- what is due

    /** The next step and when it is due; empty when nothing is (not cancelled, revoked, waiting for the refund, done). */
    public Optional<DueStep> next(ZoneId businessZone) {
        if (cancellationId == null || revoked || requestedAt == null) {
            return Optional.empty();
        }
        if (!terminated) {
            Instant carryOutAt = effect == CancellationEffect.END_OF_TERM
                    ? effectiveDate.atStartOfDay(businessZone).toInstant()
                    : requestedAt;
            if (exportId == null) {
                return due(CancellationStep.REQUEST_EXPORT, carryOutAt);
            }
            if (!exportCompleted) {
                return due(CancellationStep.COMPLETE_EXPORT, carryOutAt);
            }
            if (!accountsDeactivated) {
                return due(CancellationStep.DEACTIVATE_ACCOUNTS, carryOutAt);
            }
            return due(CancellationStep.CONFIRM_TERMINATION, carryOutAt);
        }
        Instant afterTermination = terminatedAt == null ? requestedAt : terminatedAt;
        if (netRefund != null && netRefund.isPositive()) {
            if (refundApplicationId == null) {
                return due(CancellationStep.OPEN_REFUND, afterTermination);
            }
            if (!refundRecorded) {
                return due(CancellationStep.RECORD_REFUND, afterTermination);
            }
            if (statusesRecorded < refundStatuses.size()) {
                return Optional.of(new DueStep(CancellationStep.RECORD_SETTLEMENT_STATUS, afterTermination,
                        dispatchKey(CancellationStep.RECORD_SETTLEMENT_STATUS) + ":" + statusesRecorded + ":"
                                + refundStatuses.get(statusesRecorded).status()));
            }
        }
        if (!purged && personalDataRetainedUntil != null) {
            return due(CancellationStep.PURGE_PERSONAL_DATA,
                    personalDataRetainedUntil.plusDays(1).atStartOfDay(businessZone).toInstant());
        }
        if (purged && !keyDestroyed && keyId != null) {
            return due(CancellationStep.DESTROY_KEY, purgedAt == null ? afterTermination : purgedAt);
        }
        return Optional.empty();
    }

    /** The outcome still to be recorded by {@link CancellationStep#RECORD_SETTLEMENT_STATUS}. */
    public RefundOutcome nextStatusToRecord() {
        return refundStatuses.get(statusesRecorded);
    }

    private Optional<DueStep> due(CancellationStep step, Instant at) {
        return Optional.of(new DueStep(step, at, dispatchKey(step)));
    }

    private String dispatchKey(CancellationStep step) {
        return subscriptionId + ":" + cancellationId + ":" + step.name();
    }
}
