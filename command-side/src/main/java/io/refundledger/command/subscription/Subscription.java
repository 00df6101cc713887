package io.refundledger.command.subscription;

import io.refundledger.command.subscription.SettlementPolicy.Settlement;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.common.Money;
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
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static io.refundledger.command.subscription.SubscriptionRules.MAX_FORMAT_LENGTH;
import static io.refundledger.command.subscription.SubscriptionRules.MAX_ID_LENGTH;
import static io.refundledger.command.subscription.SubscriptionRules.MAX_REFERENCE_LENGTH;
import static io.refundledger.command.subscription.SubscriptionRules.MAX_TEXT_LENGTH;
import static io.refundledger.command.subscription.SubscriptionRules.optionalText;
import static io.refundledger.command.subscription.SubscriptionRules.require;
import static io.refundledger.command.subscription.SubscriptionRules.requiredText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One subscription, from its start through renewals to a cancellation (退订): settlement, data export,
 * account deactivation, termination, the linked refund and, after the retention period, the purge of its
 * personal data. Command handlers decide and emit events; state changes only in the event sourcing handlers.
 *
 * <p>Each handler checks in the same order: malformed input (400) before the subscription's state (409) before
 * the rules (422). A refused command records nothing, with one exception the audit trail must show: a
 * cancellation the contract refuses is recorded ({@link SubscriptionCancellationRefused}) and answered with a
 * {@link CancellationOutcome.Refused}, which the API turns into 422.
 *
 * <p>The cancellation's way to termination, and when each step is allowed:
 * <ol>
 *   <li>requested (settled at once; auto-renewal switched off) – revocable while {@code today < effectiveDate}
 *       and the accounts are still active;</li>
 *   <li>data export requested, then completed with a reference;</li>
 *   <li>accounts deactivated: needs the completed export; an END_OF_TERM cancellation also needs
 *       {@code today >= effectiveDate} (the customer keeps the service to the end of the term);</li>
 *   <li>termination confirmed: needs the deactivated accounts (and so the same dates).</li>
 * </ol>
 * Personal data is kept for {@code dataRetentionDays} days counted from the later of the effective date and the
 * termination day (that day is day 1, so {@code retainedUntil = start + dataRetentionDays - 1}); the purge is
 * allowed from the day after {@code retainedUntil}.
 */
@Aggregate
public class Subscription {

    /** A linked refund can be at these statuses; the others describe a settlement without one. */
    private static final Set<SettlementStatus> REFUND_STATUSES = EnumSet.of(SettlementStatus.REFUND_REQUESTED,
            SettlementStatus.REFUND_APPROVED, SettlementStatus.REFUND_PAID, SettlementStatus.REFUND_REJECTED,
            SettlementStatus.REFUND_WITHDRAWN);
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String DEFAULT_EXPORT_FORMAT = "JSON";

    @AggregateIdentifier
    private String subscriptionId;
    private String customerId;
    private int seats;
    /** The minimum term counts from here; renewals do not move it. */
    private LocalDate firstTermStart;
    private LocalDate termStart;
    private LocalDate termEnd;
    private Money prepaidAmount;
    private Money termDiscount;
    private ContractTerms terms;
    private boolean autoRenewal;

    /** Every cancellation id ever accepted: a revoked one cannot be reused. */
    private final Set<String> cancellationIds = new HashSet<>();
    /** The pending cancellation, or the one the subscription was terminated under; null when there is none. */
    private String cancellationId;
    private CancellationReason cancellationReason;
    private CancellationEffect cancellationEffect;
    private LocalDate effectiveDate;
    private CancellationSettlementCalculated settlement;
    private boolean autoRenewalSwitchedOffByCancellation;
    private String exportId;
    private String exportReference;
    private String exportChecksum;
    private boolean accountsDeactivated;

    private boolean terminated;
    private String confirmationNumber;
    private LocalDate personalDataRetainedUntil;
    private boolean personalDataPurged;
    private String settlementRefundId;
    private SettlementStatus settlementStatus;

    /** For Axon, which creates the aggregate for a start and rebuilds it from its events. */
    protected Subscription() {
    }

    /**
     * The id is the caller's, so the aggregate may already exist: creating only when missing lets it answer
     * 409 with its own code instead of a storage conflict.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SubscriptionStatus handle(StartSubscription command, BusinessCalendar calendar, PersonalDataVault vault) {
        SubscriptionRules.checkStartInput(command);
        if (subscriptionId != null) {
            throw DomainException.conflict("SUBSCRIPTION_ALREADY_STARTED",
                    "Subscription " + subscriptionId + " was started already");
        }
        SubscriptionRules.checkStartRules(command);
        // Not stripped: the id is the aggregate's identifier as the command was routed (the API strips it).
        String id = command.subscriptionId();
        Money prepaid = command.prepaidAmount();
        Money discount = command.termDiscount() == null ? Money.zero(prepaid.currency()) : command.termDiscount();
        ContractTerms contract = command.terms().penalty() == null
                ? new ContractTerms(command.terms().minimumTermMonths(), EarlyTerminationPenalty.none(),
                command.terms().noticePeriodDays(), command.terms().dataRetentionDays())
                : command.terms();
        EncryptedPersonalData contact = SubscriptionPersonalData.encrypt(vault, id, command.contact());
        apply(new SubscriptionStarted(id, command.customerId().strip(), blankAsAbsent(command.customerSegment()),
                command.planCode().strip(), blankAsAbsent(command.productId()), command.seats(), command.termStart(),
                command.termEnd(), prepaid, discount, contract, command.autoRenewal(), contact, calendar.now()));
        return SubscriptionStatus.ACTIVE;
    }

    /** Renews from the current term's end; allowed from the term's last day on, so two prepaid terms never overlap. */
    @CommandHandler
    public SubscriptionStatus handle(RenewSubscription command, BusinessCalendar calendar) {
        SubscriptionRules.checkRenewalInput(command);
        requireNotTerminated();
        if (cancellationPending()) {
            throw DomainException.conflict("CANCELLATION_PENDING",
                    "Subscription " + subscriptionId + " has a pending cancellation and cannot be renewed");
        }
        SubscriptionRules.checkRenewalRules(command, termEnd, prepaidAmount.currency());
        LocalDate lastDay = termEnd.minusDays(1);
        if (calendar.today().isBefore(lastDay)) {
            throw DomainException.ruleViolation("RENEWAL_TOO_EARLY", null,
                    "The term runs to " + lastDay + "; it can be renewed from that day on, so that a cancellation "
                            + "always settles the one prepaid term in force");
        }
        Money discount = command.termDiscount() == null ? Money.zero(prepaidAmount.currency()) : command.termDiscount();
        apply(new SubscriptionRenewed(subscriptionId, termEnd, termEnd, command.termEnd(), command.prepaidAmount(),
                discount, calendar.now()));
        return status();
    }

    /** Switching to the current setting changes nothing and records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(SwitchAutoRenewal command, BusinessCalendar calendar) {
        requireNotTerminated();
        if (command.on() && cancellationPending()) {
            throw DomainException.conflict("CANCELLATION_PENDING",
                    "Subscription " + subscriptionId + " has a pending cancellation; revoke it to renew automatically");
        }
        if (command.on() != autoRenewal) {
            apply(command.on() ? new AutoRenewalSwitchedOn(subscriptionId, calendar.now())
                    : new AutoRenewalSwitchedOff(subscriptionId, null, calendar.now()));
        }
        return status();
    }

    @CommandHandler
    public SubscriptionStatus handle(ChangeSubscriptionSeats command, BusinessCalendar calendar) {
        requireNotTerminated();
        if (accountsDeactivated) {
            throw DomainException.conflict("ACCOUNTS_DEACTIVATED",
                    "The accounts of subscription " + subscriptionId + " are deactivated");
        }
        if (command.seats() < 1) {
            throw DomainException.ruleViolation("SEATS_BELOW_ONE", "seats",
                    "A subscription has at least one seat, was " + command.seats());
        }
        if (command.seats() != seats) {
            apply(new SubscriptionSeatsChanged(subscriptionId, seats, command.seats(), calendar.now()));
        }
        return status();
    }

    /**
     * 退订. A retry with the pending (or completed) cancellation's id, reason and effect records nothing and gets
     * the same answer. An END_OF_TERM cancellation without the contract's notice is refused and the refusal recorded.
     */
    @CommandHandler
    public CancellationOutcome handle(RequestSubscriptionCancellation command, BusinessCalendar calendar,
                                      SettlementPolicy policy) {
        String id = requiredText(command.cancellationId(), "cancellationId", "CANCELLATION_ID", MAX_ID_LENGTH);
        require(command.reason(), "reason", "REASON_REQUIRED");
        require(command.effect(), "effect", "EFFECT_REQUIRED");
        String reasonText = optionalText(command.reasonText(), "reasonText", "REASON_TEXT", MAX_TEXT_LENGTH);
        if (id.equals(cancellationId) && command.reason() == cancellationReason && command.effect() == cancellationEffect) {
            return accepted();
        }
        if (cancellationIds.contains(id)) {
            throw DomainException.conflict("CANCELLATION_ID_ALREADY_USED",
                    "Cancellation " + id + " of subscription " + subscriptionId + " was used before");
        }
        requireNotTerminated();
        if (cancellationPending()) {
            throw DomainException.conflict("CANCELLATION_ALREADY_REQUESTED",
                    "Subscription " + subscriptionId + " has a pending cancellation (" + cancellationId + ")");
        }
        LocalDate today = calendar.today();
        Instant now = calendar.now();
        if (command.effect() == CancellationEffect.END_OF_TERM) {
            long daysLeft = ChronoUnit.DAYS.between(today, termEnd);
            if (daysLeft < terms.noticePeriodDays()) {
                String detail = "An end-of-term cancellation needs " + terms.noticePeriodDays()
                        + " days' notice before the term ends on " + termEnd.minusDays(1) + " (last day); the latest day to ask was "
                        + termEnd.minusDays(terms.noticePeriodDays()) + ", and " + today + " leaves " + Math.max(daysLeft, 0) + " days";
                apply(new SubscriptionCancellationRefused(subscriptionId, command.reason(), command.effect(),
                        "NOTICE_PERIOD_NOT_MET", detail, now));
                return new CancellationOutcome.Refused("NOTICE_PERIOD_NOT_MET", "effect", detail);
            }
        }
        LocalDate effective = SettlementPolicy.effectiveDate(command.effect(), today, termEnd);
        Settlement computed = policy.settle(
                new SettlementTerms(firstTermStart, termStart, termEnd, prepaidAmount, termDiscount, terms), effective);
        apply(new SubscriptionCancellationRequested(subscriptionId, id, customerId, command.reason(), reasonText,
                command.effect(), effective, now));
        apply(computed.toEvent(subscriptionId, id, now));
        if (autoRenewal) {
            apply(new AutoRenewalSwitchedOff(subscriptionId, id, now));
        }
        return accepted();
    }

    @CommandHandler
    public SubscriptionStatus handle(RevokeSubscriptionCancellation command, BusinessCalendar calendar) {
        String reasonText = optionalText(command.reasonText(), "reasonText", "REASON_TEXT", MAX_TEXT_LENGTH);
        requireNotTerminated();
        requirePendingCancellation();
        if (accountsDeactivated) {
            throw DomainException.conflict("ACCOUNTS_ALREADY_DEACTIVATED",
                    "The accounts of subscription " + subscriptionId + " are deactivated; the cancellation can no longer be revoked");
        }
        LocalDate today = calendar.today();
        if (!today.isBefore(effectiveDate)) {
            throw DomainException.conflict("CANCELLATION_ALREADY_EFFECTIVE",
                    "Cancellation " + cancellationId + " took effect on " + effectiveDate + " and can no longer be revoked");
        }
        Instant now = calendar.now();
        boolean restoreAutoRenewal = autoRenewalSwitchedOffByCancellation;
        apply(new SubscriptionCancellationRevoked(subscriptionId, cancellationId, reasonText, now));
        if (restoreAutoRenewal) {
            apply(new AutoRenewalSwitchedOn(subscriptionId, now));
        }
        return status();
    }

    /** One export per cancellation; the same export id again records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(RequestSubscriptionDataExport command, BusinessCalendar calendar) {
        String id = requiredText(command.exportId(), "exportId", "EXPORT_ID", MAX_ID_LENGTH);
        String format = optionalText(command.format(), "format", "FORMAT", MAX_FORMAT_LENGTH);
        requireNotTerminated();
        requirePendingCancellation();
        if (exportId != null) {
            if (exportId.equals(id)) {
                return status();
            }
            throw DomainException.conflict("DATA_EXPORT_ALREADY_REQUESTED",
                    "Export " + exportId + " was requested for cancellation " + cancellationId + " already");
        }
        apply(new SubscriptionDataExportRequested(subscriptionId, cancellationId, id,
                format == null ? DEFAULT_EXPORT_FORMAT : format.toUpperCase(Locale.ROOT), calendar.now()));
        return status();
    }

    /** Completing again with the same reference and checksum records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(CompleteSubscriptionDataExport command, BusinessCalendar calendar) {
        String id = requiredText(command.exportId(), "exportId", "EXPORT_ID", MAX_ID_LENGTH);
        String reference = requiredText(command.exportReference(), "exportReference", "EXPORT_REFERENCE",
                MAX_REFERENCE_LENGTH);
        String checksum = optionalText(command.checksum(), "checksum", "CHECKSUM", 64);
        if (checksum != null && !SHA_256_HEX.matcher(checksum).matches()) {
            throw DomainException.invalid("CHECKSUM_INVALID", "checksum", "checksum must be a SHA-256 in hex (64 characters)");
        }
        checksum = checksum == null ? null : checksum.toLowerCase(Locale.ROOT);
        requireNotTerminated();
        requirePendingCancellation();
        if (exportId == null) {
            throw DomainException.conflict("NO_DATA_EXPORT_REQUESTED",
                    "No data export was requested for cancellation " + cancellationId);
        }
        if (!exportId.equals(id)) {
            throw DomainException.notFound("DATA_EXPORT_NOT_FOUND",
                    "Subscription " + subscriptionId + " has no export " + id);
        }
        if (exportReference != null) {
            if (exportReference.equals(reference) && Objects.equals(exportChecksum, checksum)) {
                return status();
            }
            throw DomainException.conflict("DATA_EXPORT_ALREADY_COMPLETED",
                    "Export " + exportId + " was completed already with reference " + exportReference);
        }
        apply(new SubscriptionDataExportCompleted(subscriptionId, id, reference, checksum, calendar.now()));
        return status();
    }

    /** 停用账号. Deactivating again records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(DeactivateSubscriptionAccounts command, BusinessCalendar calendar) {
        requireNotTerminated();
        requirePendingCancellation();
        if (accountsDeactivated) {
            return status();
        }
        if (exportReference == null) {
            throw DomainException.conflict("DATA_EXPORT_NOT_COMPLETED",
                    "The customer's data must be exported before the accounts of " + subscriptionId + " are deactivated");
        }
        requireInEffect(calendar.today());
        apply(new SubscriptionAccountsDeactivated(subscriptionId, cancellationId, seats, calendar.now()));
        return status();
    }

    /** Confirming again with the same confirmation number records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(ConfirmSubscriptionTermination command, BusinessCalendar calendar) {
        String number = requiredText(command.confirmationNumber(), "confirmationNumber", "CONFIRMATION_NUMBER",
                MAX_ID_LENGTH);
        if (terminated && number.equals(confirmationNumber)) {
            return status();
        }
        requireNotTerminated();
        requirePendingCancellation();
        if (!accountsDeactivated) {
            throw DomainException.conflict("ACCOUNTS_NOT_DEACTIVATED",
                    "The accounts of " + subscriptionId + " must be deactivated before the termination is confirmed");
        }
        LocalDate today = calendar.today();
        requireInEffect(today);
        LocalDate retentionStart = today.isAfter(effectiveDate) ? today : effectiveDate;
        apply(new SubscriptionTerminated(subscriptionId, cancellationId, number, effectiveDate, settlement.netRefund(),
                retentionStart.plusDays(terms.dataRetentionDays() - 1L), calendar.now()));
        return status();
    }

    /** The refund opened for the net refund (by the process manager); the same refund again records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(RecordSettlementRefund command, BusinessCalendar calendar) {
        String refundId = requiredText(command.refundApplicationId(), "refundApplicationId", "REFUND_APPLICATION_ID",
                MAX_ID_LENGTH);
        String number = requiredText(command.applicationNumber(), "applicationNumber", "APPLICATION_NUMBER", MAX_ID_LENGTH);
        require(command.amount(), "amount", "AMOUNT_REQUIRED");
        if (!terminated) {
            throw DomainException.conflict("SUBSCRIPTION_NOT_TERMINATED",
                    "Subscription " + subscriptionId + " is not terminated; its settlement is not due yet");
        }
        if (settlementRefundId != null) {
            if (settlementRefundId.equals(refundId)) {
                return status();
            }
            throw DomainException.conflict("SETTLEMENT_REFUND_ALREADY_RECORDED",
                    "The settlement of " + subscriptionId + " is refunded by " + settlementRefundId + " already");
        }
        if (!settlement.netRefund().isPositive()) {
            throw DomainException.conflict("NO_REFUND_DUE",
                    "The settlement of " + subscriptionId + " refunds nothing (" + settlement.netRefund() + ")");
        }
        if (!command.amount().equals(settlement.netRefund())) {
            throw DomainException.ruleViolation("SETTLEMENT_AMOUNT_MISMATCH", "amount",
                    "The refund must be the net refund " + settlement.netRefund() + ", was " + command.amount());
        }
        apply(new SettlementRefundRequested(subscriptionId, cancellationId, refundId, number, command.amount(),
                calendar.now()));
        return status();
    }

    /** Where the linked refund stands; the status it is at already records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(RecordSettlementStatus command, BusinessCalendar calendar) {
        String refundId = requiredText(command.refundApplicationId(), "refundApplicationId", "REFUND_APPLICATION_ID",
                MAX_ID_LENGTH);
        require(command.status(), "status", "STATUS_REQUIRED");
        if (settlementRefundId == null) {
            throw DomainException.conflict("NO_SETTLEMENT_REFUND",
                    "No refund was opened for the settlement of " + subscriptionId);
        }
        if (!settlementRefundId.equals(refundId)) {
            throw DomainException.conflict("REFUND_NOT_LINKED",
                    "Refund " + refundId + " is not the settlement refund of " + subscriptionId);
        }
        if (!REFUND_STATUSES.contains(command.status())) {
            throw DomainException.ruleViolation("SETTLEMENT_STATUS_NOT_APPLICABLE", "status",
                    command.status() + " does not describe a linked refund");
        }
        if (command.amount() != null && !command.amount().sameCurrencyAs(settlement.netRefund())) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "amount.currency",
                    "The refund amount must be in " + settlement.netRefund().currency());
        }
        if (command.status() != settlementStatus) {
            apply(new SettlementStatusChanged(subscriptionId, cancellationId, refundId, command.status(), command.amount(),
                    calendar.now()));
        }
        return status();
    }

    /** 数据删除, once the retention period is over; purging again records nothing. */
    @CommandHandler
    public SubscriptionStatus handle(PurgeSubscriptionPersonalData command, BusinessCalendar calendar) {
        if (!terminated) {
            throw DomainException.conflict("SUBSCRIPTION_NOT_TERMINATED",
                    "Subscription " + subscriptionId + " is not terminated; its personal data is still in use");
        }
        if (personalDataPurged) {
            return status();
        }
        if (!calendar.today().isAfter(personalDataRetainedUntil)) {
            throw DomainException.conflict("RETENTION_PERIOD_NOT_OVER",
                    "The personal data of " + subscriptionId + " is kept until " + personalDataRetainedUntil);
        }
        apply(new SubscriptionPersonalDataPurged(subscriptionId, customerId, SubscriptionPersonalData.keyId(subscriptionId),
                personalDataRetainedUntil, calendar.now()));
        return status();
    }

    // ---- checks ----

    private boolean cancellationPending() {
        return cancellationId != null && !terminated;
    }

    private void requireNotTerminated() {
        if (terminated) {
            throw DomainException.conflict("SUBSCRIPTION_TERMINATED", "Subscription " + subscriptionId + " is terminated");
        }
    }

    private void requirePendingCancellation() {
        if (!cancellationPending()) {
            throw DomainException.conflict("NO_PENDING_CANCELLATION",
                    "Subscription " + subscriptionId + " has no pending cancellation");
        }
    }

    /** An end-of-term cancellation leaves the service running until the term ends. */
    private void requireInEffect(LocalDate today) {
        if (cancellationEffect == CancellationEffect.END_OF_TERM && today.isBefore(effectiveDate)) {
            throw DomainException.conflict("CANCELLATION_NOT_YET_EFFECTIVE",
                    "Cancellation " + cancellationId + " takes effect on " + effectiveDate + "; the service runs until then");
        }
    }

    private CancellationOutcome.Accepted accepted() {
        return new CancellationOutcome.Accepted(subscriptionId, cancellationId, cancellationEffect, effectiveDate, settlement);
    }

    private SubscriptionStatus status() {
        if (terminated) {
            return SubscriptionStatus.TERMINATED;
        }
        if (cancellationId == null) {
            return SubscriptionStatus.ACTIVE;
        }
        if (accountsDeactivated) {
            return SubscriptionStatus.ACCOUNTS_DEACTIVATED;
        }
        if (exportReference != null) {
            return SubscriptionStatus.DATA_EXPORTED;
        }
        return exportId != null ? SubscriptionStatus.DATA_EXPORT_REQUESTED : SubscriptionStatus.CANCELLATION_REQUESTED;
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    // ---- state changes, from events only ----

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        subscriptionId = event.subscriptionId();
        customerId = event.customerId();
        seats = event.seats();
        firstTermStart = event.termStart();
        termStart = event.termStart();
        termEnd = event.termEnd();
        prepaidAmount = event.prepaidAmount();
        termDiscount = event.termDiscount();
        terms = event.terms();
        autoRenewal = event.autoRenewal();
    }

    @EventSourcingHandler
    void on(SubscriptionRenewed event) {
        termStart = event.termStart();
        termEnd = event.termEnd();
        prepaidAmount = event.prepaidAmount();
        termDiscount = event.termDiscount();
    }

    @EventSourcingHandler
    void on(AutoRenewalSwitchedOff event) {
        autoRenewal = false;
        autoRenewalSwitchedOffByCancellation = event.becauseOfCancellationId() != null;
    }

    @EventSourcingHandler
    void on(AutoRenewalSwitchedOn event) {
        autoRenewal = true;
        autoRenewalSwitchedOffByCancellation = false;
    }

    @EventSourcingHandler
    void on(SubscriptionSeatsChanged event) {
        seats = event.seats();
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationRequested event) {
        cancellationIds.add(event.cancellationId());
        cancellationId = event.cancellationId();
        cancellationReason = event.reason();
        cancellationEffect = event.effect();
        effectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(CancellationSettlementCalculated event) {
        settlement = event;
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationRevoked event) {
        cancellationId = null;
        cancellationReason = null;
        cancellationEffect = null;
        effectiveDate = null;
        settlement = null;
        exportId = null;
        exportReference = null;
        exportChecksum = null;
    }

    @EventSourcingHandler
    void on(SubscriptionDataExportRequested event) {
        exportId = event.exportId();
    }

    @EventSourcingHandler
    void on(SubscriptionDataExportCompleted event) {
        exportReference = event.exportReference();
        exportChecksum = event.checksum();
    }

    @EventSourcingHandler
    void on(SubscriptionAccountsDeactivated event) {
        accountsDeactivated = true;
    }

    @EventSourcingHandler
    void on(SubscriptionTerminated event) {
        terminated = true;
        confirmationNumber = event.confirmationNumber();
        personalDataRetainedUntil = event.personalDataRetainedUntil();
    }

    @EventSourcingHandler
    void on(SettlementRefundRequested event) {
        settlementRefundId = event.refundApplicationId();
        settlementStatus = SettlementStatus.REFUND_REQUESTED;
    }

    @EventSourcingHandler
    void on(SettlementStatusChanged event) {
        settlementStatus = event.status();
    }

    @EventSourcingHandler
    void on(SubscriptionPersonalDataPurged event) {
        personalDataPurged = true;
    }
}
