package io.refundledger.query.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementLineKind;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.query.audit.Description;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one subscription stands, shaped for the screens that show it: what was agreed (plan, seats, term, what was
 * prepaid, the discount, the contract terms), what changed since (renewals, seats, auto-renewal, refused
 * cancellations), the cancellation in progress step by step with its settlement line by line and the linked refund,
 * who holds it now and what is next. Stored as-is in {@code subscription_status}.
 *
 * <p>Dates of the business calendar (term start and end, effective dates) are ISO dates ({@code 2026-11-24}) in the
 * business zone; term ends are exclusive, as in the events.
 *
 * @param contact              the contact person, decrypted when the subscription started; null once purged or when
 *                             the subscription named none
 * @param personalDataPurgedAt when the personal data was erased (retention over); the view then holds none
 * @param cancellation         the cancellation in progress, or the one the subscription ended under; null when none
 * @param pastCancellations    cancellations the customer revoked, oldest first
 * @param currentOwner         who has to act now; null once nothing more is expected
 * @param nextStep             what is expected next and by when; null once nothing more is expected
 * @param inCurrentStepSince   since when it has waited for {@code nextStep}
 * @param lastAppliedPosition  global position of the last event applied; lets the projection ignore redeliveries
 */
public record SubscriptionStatusView(
        String subscriptionId,
        String customerId,
        String customerSegment,
        String planCode,
        String productId,
        SubscriptionState status,
        int seats,
        TermView currentTerm,
        ContractTermsView contractTerms,
        boolean autoRenewal,
        ContactView contact,
        Instant personalDataPurgedAt,
        String personalDataRetainedUntil,
        Instant startedAt,
        String startedBy,
        List<RenewalView> renewals,
        List<SeatChangeView> seatChanges,
        List<AutoRenewalChangeView> autoRenewalChanges,
        List<RefusalView> refusals,
        CancellationView cancellation,
        List<CancellationView> pastCancellations,
        CurrentOwner currentOwner,
        NextStep nextStep,
        Instant inCurrentStepSince,
        Instant lastUpdatedAt,
        long lastAppliedPosition) {

    public SubscriptionStatusView {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(status, "status");
        renewals = copy(renewals);
        seatChanges = copy(seatChanges);
        autoRenewalChanges = copy(autoRenewalChanges);
        refusals = copy(refusals);
        pastCancellations = copy(pastCancellations);
    }

    private static <T> List<T> copy(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    /** Stored by name: never rename a constant. */
    public enum SubscriptionState {
        ACTIVE,
        /** A cancellation was requested and has not taken effect yet (it may still be revoked). */
        CANCELLATION_PENDING,
        TERMINATED
    }

    /** Money as clients see it: the amount as a decimal string, so no JSON parser turns it into a binary float. */
    public record MoneyView(String amount, String currency) {

        public static MoneyView of(Money money) {
            return money == null ? null : new MoneyView(money.amount().toPlainString(), money.currency());
        }

        /** Not a bean getter, so it stays out of the JSON. */
        public Money toMoney() {
            return new Money(new BigDecimal(amount), currency);
        }
    }

    /**
     * @param termEnd the day after the last day (exclusive), as in the events
     * @param lastDay the last day of service in the term, as a customer reads it
     */
    public record TermView(String termStart, String termEnd, String lastDay, MoneyView prepaidAmount,
                           MoneyView termDiscount) {
    }

    public record ContractTermsView(int minimumTermMonths, PenaltyView earlyTerminationPenalty, int noticePeriodDays,
                                    int dataRetentionDays) {
    }

    /** @param percent for a percentage of the remaining value, e.g. "20"; else null */
    public record PenaltyView(PenaltyKind kind, String percent, MoneyView fixedAmount, MoneyView cap) {
    }

    /** Personal data: dropped from the view when the retention period ends. */
    public record ContactView(String name, String email, String phone) {
    }

    public record RenewalView(String previousTermEnd, String termStart, String termEnd, MoneyView prepaidAmount,
                              MoneyView termDiscount, Instant renewedAt, String renewedBy) {
    }

    public record SeatChangeView(int previousSeats, int seats, Instant changedAt, String changedBy) {
    }

    /** @param becauseOfCancellationId the cancellation that switched it off, or null */
    public record AutoRenewalChangeView(boolean switchedOn, String becauseOfCancellationId, Instant at, String by) {
    }

    /** A cancellation refused under the contract, with the rule and why. */
    public record RefusalView(CancellationReason reason, CancellationEffect effect, String code, String detail,
                              Instant refusedAt, String refusedBy) {
    }

    /** Stored by name: never rename a constant. */
    public enum CancellationState {
        PENDING,
        TERMINATED,
        REVOKED
    }

    /**
     * One cancellation (退订) and how far it got.
     *
     * @param effectiveDate the first day without service (business zone)
     * @param steps         every step so far, oldest first, with who took it and a sentence in both languages
     */
    public record CancellationView(
            String cancellationId,
            CancellationReason reason,
            String reasonText,
            CancellationEffect effect,
            CancellationState state,
            Instant requestedAt,
            String requestedBy,
            String effectiveDate,
            SettlementView settlement,
            ExportView export,
            AccountsDeactivationView accountsDeactivation,
            TerminationView termination,
            LinkedRefundView refund,
            RevocationView revocation,
            List<CancellationStepView> steps) {

        public CancellationView {
            steps = copy(steps);
        }
    }

    /**
     * How the refund came about, line by line, under a named settlement policy version.
     *
     * @param status where the money stands: nothing due, due, or what became of the linked refund
     */
    public record SettlementView(
            String policyVersion,
            String termStart,
            String termEnd,
            String effectiveDate,
            long termDays,
            long usedDays,
            long unusedDays,
            MoneyView prepaidAmount,
            MoneyView unusedValue,
            MoneyView penalty,
            MoneyView discountClawback,
            MoneyView netRefund,
            List<SettlementLineView> lines,
            Instant calculatedAt,
            SettlementStatus status,
            Instant statusChangedAt) {

        public SettlementView {
            lines = copy(lines);
        }
    }

    /** @param amount signed: positive adds to the refund, negative deducts; informational lines carry their value */
    public record SettlementLineView(SettlementLineKind kind, MoneyView amount, String explanation) {
    }

    public record ExportView(String exportId, String format, Instant requestedAt, String requestedBy,
                             String exportReference, String checksum, Instant completedAt, String completedBy) {
    }

    public record AccountsDeactivationView(int accountCount, Instant deactivatedAt, String deactivatedBy) {
    }

    public record TerminationView(String confirmationNumber, String effectiveDate, MoneyView netRefund,
                                  String personalDataRetainedUntil, Instant terminatedAt, String terminatedBy) {
    }

    /**
     * The refund application the settlement opened, and how that application itself is doing.
     *
     * @param settlementStatus  the settlement status the subscription recorded (the same as the settlement's)
     * @param refundStatus      the application's own status, followed from its events; null until the first arrives
     * @param refundStatusSince when the application reached that status
     */
    public record LinkedRefundView(
            String refundApplicationId,
            String applicationNumber,
            MoneyView amount,
            Instant requestedAt,
            SettlementStatus settlementStatus,
            RefundStatus refundStatus,
            Instant refundStatusSince,
            MoneyView approvedAmount,
            MoneyView paidAmount) {
    }

    public record RevocationView(String reasonText, Instant revokedAt, String revokedBy) {
    }

    /** @param actor who took the step, from the event's metadata; null when the event does not say */
    public record CancellationStepView(CancellationStep step, Instant at, String actor, Description description) {
    }

    /** Stored by name: never rename a constant. */
    public enum CancellationStep {
        REQUESTED,
        SETTLEMENT_CALCULATED,
        AUTO_RENEWAL_SWITCHED_OFF,
        DATA_EXPORT_REQUESTED,
        DATA_EXPORT_COMPLETED,
        ACCOUNTS_DEACTIVATED,
        TERMINATED,
        REFUND_REQUESTED,
        SETTLEMENT_STATUS_CHANGED,
        REVOKED
    }

    /** Who has to act. {@code id} names the customer when the customer is meant; a team otherwise (null). */
    public record CurrentOwner(OwnerRole role, String id) {
    }

    public enum OwnerRole {
        /** The cancellation process manager or another scheduled job: nobody has to do anything by hand. */
        SYSTEM,
        CUSTOMER,
        CUSTOMER_SERVICE,
        REVIEWER,
        FINANCE
    }

    /** What is expected next and, when a date applies, from when it is due. */
    public record NextStep(ExpectedAction action, Instant dueBy) {
    }

    /** Stored by name: never rename a constant. */
    public enum ExpectedAction {
        /** The term ends and auto-renewal renews it. */
        RENEWAL,
        /** The term ends without auto-renewal: the customer decides whether to renew. */
        TERM_END,
        DATA_EXPORT,
        DATA_EXPORT_COMPLETION,
        ACCOUNT_DEACTIVATION,
        TERMINATION,
        /** The settlement's net refund is to be opened as a refund application. */
        REFUND_APPLICATION,
        REFUND_REVIEW,
        CUSTOMER_ANSWER,
        SECOND_APPROVAL,
        PAYOUT,
        PAYOUT_CONFIRMATION,
        /** The linked refund was rejected: the customer may amend and resubmit it. */
        REFUND_RESUBMISSION,
        /** The retention period ends: personal data is erased. */
        PERSONAL_DATA_PURGE
    }
}
