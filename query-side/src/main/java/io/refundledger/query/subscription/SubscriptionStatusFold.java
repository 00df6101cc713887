package io.refundledger.query.subscription;

import io.refundledger.events.common.Money;
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
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
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
import io.refundledger.query.audit.EventDescriptions;
import io.refundledger.query.refund.RefundLifecycle;
import io.refundledger.query.subscription.SubscriptionStatusView.AccountsDeactivationView;
import io.refundledger.query.subscription.SubscriptionStatusView.AutoRenewalChangeView;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationState;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationStep;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationStepView;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationView;
import io.refundledger.query.subscription.SubscriptionStatusView.ContactView;
import io.refundledger.query.subscription.SubscriptionStatusView.ContractTermsView;
import io.refundledger.query.subscription.SubscriptionStatusView.ExportView;
import io.refundledger.query.subscription.SubscriptionStatusView.LinkedRefundView;
import io.refundledger.query.subscription.SubscriptionStatusView.MoneyView;
import io.refundledger.query.subscription.SubscriptionStatusView.PenaltyView;
import io.refundledger.query.subscription.SubscriptionStatusView.RefusalView;
import io.refundledger.query.subscription.SubscriptionStatusView.RenewalView;
import io.refundledger.query.subscription.SubscriptionStatusView.RevocationView;
import io.refundledger.query.subscription.SubscriptionStatusView.SeatChangeView;
import io.refundledger.query.subscription.SubscriptionStatusView.SettlementLineView;
import io.refundledger.query.subscription.SubscriptionStatusView.SettlementView;
import io.refundledger.query.subscription.SubscriptionStatusView.SubscriptionState;
import io.refundledger.query.subscription.SubscriptionStatusView.TermView;
import io.refundledger.query.subscription.SubscriptionStatusView.TerminationView;
import io.refundledger.query.subscription.SubscriptionLifecycle.Whereabouts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one event does to a {@link SubscriptionStatusView}, without any storage or decryption: the projection
 * decrypts the contact and hands it in, so this stays a pure function of the events.
 *
 * <p>Besides the subscription's own events, the status-changing events of the refund application a cancellation
 * opened move the view: they carry only the application id, and the projection finds the subscription for them.
 */
public final class SubscriptionStatusFold {

    private final ZoneId businessZone;

    public SubscriptionStatusFold(ZoneId businessZone) {
        this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
    }

    /** Whether a refund event moves the linked refund's status (and so a subscription's view). */
    public static boolean isLinkedRefundEvent(Object event) {
        return event instanceof RefundApplicationSubmitted || event instanceof MoreInformationRequested
                || event instanceof MoreInformationProvided || event instanceof FirstApprovalGiven
                || event instanceof RefundApplicationApproved || event instanceof RefundApplicationRejected
                || event instanceof RefundApplicationResubmitted || event instanceof RefundApplicationWithdrawn
                || event instanceof PayoutStarted || event instanceof PayoutFailed || event instanceof PayoutSucceeded;
    }

    /**
     * The first view of a subscription.
     *
     * @param contact the contact decrypted from the event, or null (none named, or already erased)
     */
    public SubscriptionStatusView start(SubscriptionStarted event, ContactView contact, String actor, long position) {
        Draft d = new Draft();
        d.subscriptionId = event.subscriptionId();
        d.customerId = event.customerId();
        d.customerSegment = event.customerSegment();
        d.planCode = event.planCode();
        d.productId = event.productId();
        d.status = SubscriptionState.ACTIVE;
        d.seats = event.seats();
        d.currentTerm = term(event.termStart(), event.termEnd(), event.prepaidAmount(), event.termDiscount());
        d.contractTerms = terms(event.terms());
        d.autoRenewal = event.autoRenewal();
        d.contact = contact;
        d.startedAt = event.startedAt();
        d.startedBy = actor;
        return d.build(null, event.startedAt(), position);
    }

    /**
     * The view after {@code event}, marked as applied up to {@code position}.
     *
     * @param actor who caused the event (metadata), null for the system
     * @return {@code current} unchanged for an event that does not concern it
     */
    public SubscriptionStatusView apply(SubscriptionStatusView current, Object event, String actor, long position) {
        Objects.requireNonNull(current, "current");
        Draft d = new Draft().from(current);
        Instant at = change(d, event, actor);
        if (at == null) {
            return current;
        }
        return d.build(current, at, position);
    }

    /** Applies the event to the draft; returns when it happened, or null when it does not concern the view. */
    private Instant change(Draft d, Object event, String actor) {
        if (event instanceof SubscriptionRenewed e) {
            d.currentTerm = term(e.termStart(), e.termEnd(), e.prepaidAmount(), e.termDiscount());
            d.renewals.add(new RenewalView(text(e.previousTermEnd()), text(e.termStart()), text(e.termEnd()),
                    MoneyView.of(e.prepaidAmount()), MoneyView.of(e.termDiscount()), e.renewedAt(), actor));
            return e.renewedAt();
        }
        if (event instanceof AutoRenewalSwitchedOff e) {
            d.autoRenewal = false;
            d.autoRenewalChanges.add(new AutoRenewalChangeView(false, e.becauseOfCancellationId(), e.switchedAt(), actor));
            if (e.becauseOfCancellationId() != null && d.isCurrentCancellation(e.becauseOfCancellationId())) {
                d.cancellation.step(CancellationStep.AUTO_RENEWAL_SWITCHED_OFF, e.switchedAt(), actor, event);
            }
            return e.switchedAt();
        }
        if (event instanceof AutoRenewalSwitchedOn e) {
            d.autoRenewal = true;
            d.autoRenewalChanges.add(new AutoRenewalChangeView(true, null, e.switchedAt(), actor));
            return e.switchedAt();
        }
        if (event instanceof SubscriptionSeatsChanged e) {
            d.seats = e.seats();
            d.seatChanges.add(new SeatChangeView(e.previousSeats(), e.seats(), e.changedAt(), actor));
            return e.changedAt();
        }
        if (event instanceof SubscriptionCancellationRefused e) {
            d.refusals.add(new RefusalView(e.reason(), e.effect(), e.code(), e.detail(), e.refusedAt(), actor));
            return e.refusedAt();
        }
        if (event instanceof SubscriptionCancellationRequested e) {
            CancellationDraft c = new CancellationDraft();
            c.cancellationId = e.cancellationId();
            c.reason = e.reason();
            c.reasonText = e.reasonText();
            c.effect = e.effect();
            c.state = CancellationState.PENDING;
            c.requestedAt = e.requestedAt();
            c.requestedBy = actor;
            c.effectiveDate = text(e.effectiveDate());
            c.step(CancellationStep.REQUESTED, e.requestedAt(), actor, event);
            d.cancellation = c;
            d.status = SubscriptionState.CANCELLATION_PENDING;
            return e.requestedAt();
        }
        if (event instanceof CancellationSettlementCalculated e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            List<SettlementLineView> lines = e.lines() == null ? List.of() : e.lines().stream()
                    .map(l -> new SettlementLineView(l.kind(), MoneyView.of(l.amount()), l.explanation())).toList();
            SettlementStatus status = e.netRefund() != null && e.netRefund().isPositive()
                    ? SettlementStatus.REFUND_DUE : SettlementStatus.NOTHING_DUE;
            c.settlement = new SettlementView(e.policyVersion(), text(e.termStart()), text(e.termEnd()),
                    text(e.effectiveDate()), e.termDays(), e.usedDays(), e.unusedDays(), MoneyView.of(e.prepaidAmount()),
                    MoneyView.of(e.unusedValue()), MoneyView.of(e.penalty()), MoneyView.of(e.discountClawback()),
                    MoneyView.of(e.netRefund()), lines, e.calculatedAt(), status, e.calculatedAt());
            c.step(CancellationStep.SETTLEMENT_CALCULATED, e.calculatedAt(), actor, event);
            return e.calculatedAt();
        }
        if (event instanceof SubscriptionCancellationRevoked e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            c.state = CancellationState.REVOKED;
            c.revocation = new RevocationView(e.reasonText(), e.revokedAt(), actor);
            c.step(CancellationStep.REVOKED, e.revokedAt(), actor, event);
            d.pastCancellations.add(c.build());
            d.cancellation = null;
            d.status = SubscriptionState.ACTIVE;
            return e.revokedAt();
        }
        if (event instanceof SubscriptionDataExportRequested e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            c.export = new ExportView(e.exportId(), e.format(), e.requestedAt(), actor, null, null, null, null);
            c.step(CancellationStep.DATA_EXPORT_REQUESTED, e.requestedAt(), actor, event);
            return e.requestedAt();
        }
        if (event instanceof SubscriptionDataExportCompleted e) {
            CancellationDraft c = d.cancellationExporting(e.exportId(), event);
            ExportView x = c.export;
            c.export = new ExportView(x.exportId(), x.format(), x.requestedAt(), x.requestedBy(), e.exportReference(),
                    e.checksum(), e.completedAt(), actor);
            c.step(CancellationStep.DATA_EXPORT_COMPLETED, e.completedAt(), actor, event);
            return e.completedAt();
        }
        if (event instanceof SubscriptionAccountsDeactivated e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            c.accountsDeactivation = new AccountsDeactivationView(e.accountCount(), e.deactivatedAt(), actor);
            c.step(CancellationStep.ACCOUNTS_DEACTIVATED, e.deactivatedAt(), actor, event);
            return e.deactivatedAt();
        }
        if (event instanceof SubscriptionTerminated e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            c.state = CancellationState.TERMINATED;
            c.termination = new TerminationView(e.confirmationNumber(), text(e.effectiveDate()),
                    MoneyView.of(e.netRefund()), text(e.personalDataRetainedUntil()), e.terminatedAt(), actor);
            c.step(CancellationStep.TERMINATED, e.terminatedAt(), actor, event);
            d.status = SubscriptionState.TERMINATED;
            d.personalDataRetainedUntil = text(e.personalDataRetainedUntil());
            return e.terminatedAt();
        }
        if (event instanceof SettlementRefundRequested e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            LinkedRefundView r = c.refund;
            c.refund = new LinkedRefundView(e.refundApplicationId(), e.applicationNumber(), MoneyView.of(e.amount()),
                    e.requestedAt(), SettlementStatus.REFUND_REQUESTED, r == null ? null : r.refundStatus(),
                    r == null ? null : r.refundStatusSince(), r == null ? null : r.approvedAmount(),
                    r == null ? null : r.paidAmount());
            c.settlementStatus(SettlementStatus.REFUND_REQUESTED, e.requestedAt());
            c.step(CancellationStep.REFUND_REQUESTED, e.requestedAt(), actor, event);
            return e.requestedAt();
        }
        if (event instanceof SettlementStatusChanged e) {
            CancellationDraft c = d.cancellation(e.cancellationId(), event);
            LinkedRefundView r = c.refund;
            if (r != null) {
                c.refund = new LinkedRefundView(r.refundApplicationId(), r.applicationNumber(), r.amount(), r.requestedAt(),
                        e.status(), r.refundStatus(), r.refundStatusSince(), r.approvedAmount(), r.paidAmount());
            }
            c.settlementStatus(e.status(), e.changedAt());
            c.step(CancellationStep.SETTLEMENT_STATUS_CHANGED, e.changedAt(), actor, event);
            return e.changedAt();
        }
        if (event instanceof SubscriptionPersonalDataPurged e) {
            // Everything personal this view copied is the contact; the marker says it was erased, not never given.
            d.contact = null;
            d.personalDataPurgedAt = e.purgedAt();
            return e.purgedAt();
        }
        if (isLinkedRefundEvent(event)) {
            return linkedRefundMoved(d, event);
        }
        return null;
    }

    /** The linked application moved: follow its own status, as the refund views derive it. */
    private static Instant linkedRefundMoved(Draft d, Object event) {
        CancellationDraft c = d.cancellation;
        if (c == null) {
            return null; // nothing to link to (see the projection: it only asks for linked applications)
        }
        LinkedRefundView r = c.refund;
        RefundStatus before = r == null ? null : r.refundStatus();
        RefundStatus after = RefundLifecycle.statusAfter(before, event);
        Instant at = refundEventTime(event);
        String applicationId = r == null ? null : r.refundApplicationId();
        String applicationNumber = r == null ? null : r.applicationNumber();
        MoneyView amount = r == null ? null : r.amount();
        Instant requestedAt = r == null ? null : r.requestedAt();
        SettlementStatus settlementStatus = r == null ? null : r.settlementStatus();
        MoneyView approved = r == null ? null : r.approvedAmount();
        MoneyView paid = r == null ? null : r.paidAmount();
        if (event instanceof RefundApplicationSubmitted s) {
            applicationId = s.applicationId();
            applicationNumber = s.applicationNumber();
            amount = amount == null ? MoneyView.of(s.requestedAmount()) : amount;
            requestedAt = requestedAt == null ? s.submittedAt() : requestedAt;
        } else if (event instanceof RefundApplicationApproved a) {
            approved = MoneyView.of(a.approvedAmount());
        } else if (event instanceof PayoutSucceeded p) {
            paid = MoneyView.of(p.amount());
        }
        Instant since = after != before || r == null ? at : r.refundStatusSince();
        c.refund = new LinkedRefundView(applicationId, applicationNumber, amount, requestedAt, settlementStatus, after,
                since, approved, paid);
        return at;
    }

    private static Instant refundEventTime(Object event) {
        if (event instanceof RefundApplicationSubmitted e) {
            return e.submittedAt();
        }
        if (event instanceof MoreInformationRequested e) {
            return e.requestedAt();
        }
        if (event instanceof MoreInformationProvided e) {
            return e.providedAt();
        }
        if (event instanceof FirstApprovalGiven e) {
            return e.approvedAt();
        }
        if (event instanceof RefundApplicationApproved e) {
            return e.approvedAt();
        }
        if (event instanceof RefundApplicationRejected e) {
            return e.rejectedAt();
        }
        if (event instanceof RefundApplicationResubmitted e) {
            return e.resubmittedAt();
        }
        if (event instanceof RefundApplicationWithdrawn e) {
            return e.withdrawnAt();
        }
        if (event instanceof PayoutStarted e) {
            return e.startedAt();
        }
        if (event instanceof PayoutFailed e) {
            return e.failedAt();
        }
        if (event instanceof PayoutSucceeded e) {
            return e.succeededAt();
        }
        throw new IllegalArgumentException("Not a linked refund event: " + event);
    }

    // ------------------------------------------------------------------------------------------- value mapping

    private static TermView term(LocalDate start, LocalDate end, Money prepaid, Money discount) {
        return new TermView(text(start), text(end), end == null ? null : end.minusDays(1).toString(),
                MoneyView.of(prepaid), MoneyView.of(discount));
    }

    private static ContractTermsView terms(ContractTerms terms) {
        if (terms == null) {
            return null;
        }
        EarlyTerminationPenalty p = terms.penalty();
        PenaltyView penalty = p == null ? null : new PenaltyView(p.kind(),
                p.percent() == null ? null : p.percent().stripTrailingZeros().toPlainString(),
                MoneyView.of(p.fixedAmount()), MoneyView.of(p.cap()));
        return new ContractTermsView(terms.minimumTermMonths(), penalty, terms.noticePeriodDays(), terms.dataRetentionDays());
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    // ------------------------------------------------------------------------------------------- drafts

    /** The view being changed by one event. */
    private final class Draft {
        String subscriptionId;
        String customerId;
        String customerSegment;
        String planCode;
        String productId;
        SubscriptionState status;
        int seats;
        TermView currentTerm;
        ContractTermsView contractTerms;
        boolean autoRenewal;
        ContactView contact;
        Instant personalDataPurgedAt;
        String personalDataRetainedUntil;
        Instant startedAt;
        String startedBy;
        final List<RenewalView> renewals = new ArrayList<>();
        final List<SeatChangeView> seatChanges = new ArrayList<>();
        final List<AutoRenewalChangeView> autoRenewalChanges = new ArrayList<>();
        final List<RefusalView> refusals = new ArrayList<>();
        CancellationDraft cancellation;
        final List<CancellationView> pastCancellations = new ArrayList<>();

        Draft from(SubscriptionStatusView v) {
            subscriptionId = v.subscriptionId();
            customerId = v.customerId();
            customerSegment = v.customerSegment();
            planCode = v.planCode();
            productId = v.productId();
            status = v.status();
            seats = v.seats();
            currentTerm = v.currentTerm();
            contractTerms = v.contractTerms();
            autoRenewal = v.autoRenewal();
            contact = v.contact();
            personalDataPurgedAt = v.personalDataPurgedAt();
            personalDataRetainedUntil = v.personalDataRetainedUntil();
            startedAt = v.startedAt();
            startedBy = v.startedBy();
            renewals.addAll(v.renewals());
            seatChanges.addAll(v.seatChanges());
            autoRenewalChanges.addAll(v.autoRenewalChanges());
            refusals.addAll(v.refusals());
            cancellation = v.cancellation() == null ? null : CancellationDraft.from(v.cancellation());
            pastCancellations.addAll(v.pastCancellations());
            return this;
        }

        boolean isCurrentCancellation(String cancellationId) {
            return cancellation != null && cancellation.cancellationId.equals(cancellationId);
        }

        /** The cancellation an event names; it must be the current one (the aggregate allows one at a time). */
        CancellationDraft cancellation(String cancellationId, Object event) {
            if (!isCurrentCancellation(cancellationId)) {
                throw new IllegalStateException("Subscription " + subscriptionId + " has no open cancellation "
                        + cancellationId + " for " + event.getClass().getSimpleName() + "; its request must have been applied first");
            }
            return cancellation;
        }

        /** The export completion names the export only; it belongs to the current cancellation's export. */
        CancellationDraft cancellationExporting(String exportId, Object event) {
            if (cancellation == null || cancellation.export == null || !cancellation.export.exportId().equals(exportId)) {
                throw new IllegalStateException("Subscription " + subscriptionId + " has no requested export " + exportId
                        + " for " + event.getClass().getSimpleName());
            }
            return cancellation;
        }

        SubscriptionStatusView build(SubscriptionStatusView before, Instant at, long position) {
            CancellationView c = cancellation == null ? null : cancellation.build();
            Whereabouts where = SubscriptionLifecycle.whereabouts(status, customerId, autoRenewal, currentTerm, c,
                    personalDataRetainedUntil, personalDataPurgedAt, businessZone);
            boolean moved = before == null || before.status() != status
                    || !Objects.equals(before.nextStep(), where.nextStep())
                    || !Objects.equals(before.currentOwner(), where.owner());
            Instant since = moved ? at : before.inCurrentStepSince();
            return new SubscriptionStatusView(subscriptionId, customerId, customerSegment, planCode, productId, status, seats,
                    currentTerm, contractTerms, autoRenewal, contact, personalDataPurgedAt, personalDataRetainedUntil,
                    startedAt, startedBy, renewals, seatChanges, autoRenewalChanges, refusals, c, pastCancellations,
                    where.owner(), where.nextStep(), since, at, position);
        }
    }

    /** One cancellation being changed. */
    private static final class CancellationDraft {
        String cancellationId;
        CancellationReason reason;
        String reasonText;
        CancellationEffect effect;
        CancellationState state;
        Instant requestedAt;
        String requestedBy;
        String effectiveDate;
        SettlementView settlement;
        ExportView export;
        AccountsDeactivationView accountsDeactivation;
        TerminationView termination;
        LinkedRefundView refund;
        RevocationView revocation;
        final List<CancellationStepView> steps = new ArrayList<>();

        static CancellationDraft from(CancellationView v) {
            CancellationDraft c = new CancellationDraft();
            c.cancellationId = v.cancellationId();
            c.reason = v.reason();
            c.reasonText = v.reasonText();
            c.effect = v.effect();
            c.state = v.state();
            c.requestedAt = v.requestedAt();
            c.requestedBy = v.requestedBy();
            c.effectiveDate = v.effectiveDate();
            c.settlement = v.settlement();
            c.export = v.export();
            c.accountsDeactivation = v.accountsDeactivation();
            c.termination = v.termination();
            c.refund = v.refund();
            c.revocation = v.revocation();
            c.steps.addAll(v.steps());
            return c;
        }

        /** The step, with the same sentence the audit history shows for the event. */
        void step(CancellationStep step, Instant at, String actor, Object event) {
            steps.add(new CancellationStepView(step, at, actor, EventDescriptions.describe(event, actor)));
        }

        void settlementStatus(SettlementStatus status, Instant at) {
            SettlementView s = settlement;
            if (s == null) {
                return; // the settlement is calculated in the request's own commit; a status before it has nothing to move
            }
            settlement = new SettlementView(s.policyVersion(), s.termStart(), s.termEnd(), s.effectiveDate(), s.termDays(),
                    s.usedDays(), s.unusedDays(), s.prepaidAmount(), s.unusedValue(), s.penalty(), s.discountClawback(),
                    s.netRefund(), s.lines(), s.calculatedAt(), status, at);
        }

        CancellationView build() {
            return new CancellationView(cancellationId, reason, reasonText, effect, state, requestedAt, requestedBy,
                    effectiveDate, settlement, export, accountsDeactivation, termination, refund, revocation, steps);
        }
    }
}
