package io.refundledger.query.subscription;

import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.query.subscription.SubscriptionStatusView.CancellationView;
import io.refundledger.query.subscription.SubscriptionStatusView.CurrentOwner;
import io.refundledger.query.subscription.SubscriptionStatusView.ExpectedAction;
import io.refundledger.query.subscription.SubscriptionStatusView.NextStep;
import io.refundledger.query.subscription.SubscriptionStatusView.OwnerRole;
import io.refundledger.query.subscription.SubscriptionStatusView.SubscriptionState;
import io.refundledger.query.subscription.SubscriptionStatusView.TermView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Who holds a subscription and what it waits for, read from its state the way the cancellation process runs it:
 * export first, then deactivation and termination (at once, or from the effective date for an end-of-term
 * cancellation), then the linked refund through review and payout, then the purge after the retention period.
 * Pure, so the answer is the same wherever it is derived.
 */
public final class SubscriptionLifecycle {

    private SubscriptionLifecycle() {
    }

    /** Who holds it and what it waits for; both null once nothing more is expected. */
    public record Whereabouts(CurrentOwner owner, NextStep nextStep) {

        static final Whereabouts DONE = new Whereabouts(null, null);

        static Whereabouts of(OwnerRole role, String id, ExpectedAction action, Instant dueBy) {
            return new Whereabouts(new CurrentOwner(role, id), new NextStep(action, dueBy));
        }
    }

    /**
     * @param cancellation              the current cancellation (pending, or the one it ended under), or null
     * @param personalDataRetainedUntil the last day personal data is kept, once terminated
     */
    public static Whereabouts whereabouts(SubscriptionState status, String customerId, boolean autoRenewal, TermView term,
                                          CancellationView cancellation, String personalDataRetainedUntil,
                                          Instant personalDataPurgedAt, ZoneId zone) {
        return switch (status) {
            case ACTIVE -> {
                Instant termEnds = term == null ? null : startOf(term.termEnd(), zone);
                yield autoRenewal
                        ? Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.RENEWAL, termEnds)
                        : Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.TERM_END, termEnds);
            }
            case CANCELLATION_PENDING -> pending(cancellation, zone);
            case TERMINATED -> afterTermination(customerId, cancellation, personalDataRetainedUntil, personalDataPurgedAt, zone);
        };
    }

    private static Whereabouts pending(CancellationView c, ZoneId zone) {
        if (c == null) {
            return Whereabouts.DONE;
        }
        if (c.export() == null) {
            return Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.DATA_EXPORT, c.requestedAt());
        }
        if (c.export().completedAt() == null) {
            return Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.DATA_EXPORT_COMPLETION, null);
        }
        // At once for an immediate cancellation (due since the export completed); from the first day without
        // service for one at the end of the term, so the customer keeps their accounts until then.
        Instant due = c.effect() == CancellationEffect.END_OF_TERM ? startOf(c.effectiveDate(), zone) : c.export().completedAt();
        return c.accountsDeactivation() == null
                ? Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.ACCOUNT_DEACTIVATION, due)
                : Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.TERMINATION,
                c.effect() == CancellationEffect.END_OF_TERM ? due : c.accountsDeactivation().deactivatedAt());
    }

    private static Whereabouts afterTermination(String customerId, CancellationView c, String retainedUntil,
                                                Instant purgedAt, ZoneId zone) {
        if (c != null) {
            boolean refundDue = c.settlement() != null && c.settlement().netRefund() != null
                    && c.settlement().netRefund().toMoney().isPositive();
            if (refundDue && (c.refund() == null || c.refund().refundStatus() == null)) {
                return Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.REFUND_APPLICATION,
                        c.termination() == null ? null : c.termination().terminatedAt());
            }
            if (c.refund() != null && c.refund().refundStatus() != null) {
                Whereabouts refund = ofRefund(c.refund().refundStatus(), customerId);
                if (refund != null) {
                    return refund;
                }
            }
        }
        if (purgedAt == null && retainedUntil != null) {
            return Whereabouts.of(OwnerRole.SYSTEM, null, ExpectedAction.PERSONAL_DATA_PURGE,
                    startOf(LocalDate.parse(retainedUntil).plusDays(1).toString(), zone));
        }
        return Whereabouts.DONE;
    }

    /** Where the linked refund is held, as its own progress view says; null once the refund needs nothing more. */
    private static Whereabouts ofRefund(RefundStatus status, String customerId) {
        return switch (status) {
            case SUBMITTED -> Whereabouts.of(OwnerRole.REVIEWER, null, ExpectedAction.REFUND_REVIEW, null);
            case AWAITING_INFORMATION -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.CUSTOMER_ANSWER, null);
            case AWAITING_SECOND_APPROVAL -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.SECOND_APPROVAL, null);
            case APPROVED, PAYOUT_FAILED -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT, null);
            case PAYOUT_IN_PROGRESS -> Whereabouts.of(OwnerRole.FINANCE, null, ExpectedAction.PAYOUT_CONFIRMATION, null);
            case REJECTED -> Whereabouts.of(OwnerRole.CUSTOMER, customerId, ExpectedAction.REFUND_RESUBMISSION, null);
            // A settlement refund is refund-only: no goods travel. Paid, withdrawn or anything else: done with money.
            case AWAITING_RETURN, RETURN_IN_TRANSIT, RETURN_RECEIVED, PAID, EXCHANGED, WITHDRAWN -> null;
        };
    }

    /** The start of a business day, when something due "on" that day becomes due. */
    static Instant startOf(String isoDate, ZoneId zone) {
        return isoDate == null ? null : LocalDate.parse(isoDate).atStartOfDay(zone).toInstant();
    }
}
