package io.refundledger.command.refund;

import io.refundledger.command.order.OrderRefundLedgers;
import io.refundledger.command.order.OrderRefundPosition;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One refund application (退费申请) from submission to payout, exchange or rejection. Command handlers only
 * decide and emit events; state changes only in the event sourcing handlers, which is all a replay runs.
 *
 * <p>Each handler checks in the same order: malformed input (400) before the application's state (409)
 * before who acts (403) before rules that depend on that state (422). A refused command records nothing.
 *
 * <p>Decisions that also change the order's refund ledger (final approval, withdrawal, inspection) are
 * entered through {@link RefundDecisionHandlers}, which loads both aggregates in one unit of work; they are
 * the package-private methods here that take {@link OrderRefundLedgers}.
 *
 * <p>Returns: a failed inspection refunds only a reduced amount the inspector states (none when they state
 * none); with nothing to refund the reviewer rejects the application. A passed inspection refunds the
 * approved amount unless the inspector reduced it.
 */
@Aggregate
public class RefundApplication {

    /** Statuses in which nothing can happen any more but a rating. */
    private static final Set<RefundStatus> CLOSED =
            EnumSet.of(RefundStatus.PAID, RefundStatus.EXCHANGED, RefundStatus.REJECTED, RefundStatus.WITHDRAWN);
    /** Once money may be on its way (or the matter is closed), withdrawing is too late. */
    private static final Set<RefundStatus> NOT_WITHDRAWABLE = EnumSet.of(RefundStatus.PAYOUT_IN_PROGRESS,
            RefundStatus.PAID, RefundStatus.EXCHANGED, RefundStatus.REJECTED, RefundStatus.WITHDRAWN);

    @AggregateIdentifier
    private String applicationId;
    private String applicationNumber;
    private String customerId;
    private String orderId;
    /** Set when the application pays out a subscription cancellation's settlement: judged as settled by contract. */
    private String subscriptionId;
    private RefundType type;
    private PayoutMethod payoutMethod;
    private Money paidAmount;
    private Money requestedAmount;
    private RefundReasonCategory reasonCategory;
    private String reasonText;
    private PolicyFacts facts;
    private RefundStatus status;
    /** Everyone who (re)submitted: none of them may approve. */
    private final Set<String> submitters = new HashSet<>();
    private String reviewerId;

    private boolean withinPolicy;
    private Money eligibleAmount;
    private boolean secondApprovalRequired;

    private Money firstApprovedAmount;
    private String firstApprovedBy;
    private String firstApprovalNote;
    private String firstApprovalJustification;

    private Money approvedAmount;
    /** What this application holds on the order's ledger right now. */
    private Money reservedAmount;
    /** What will be paid out: the approved amount, or what inspection left of it. */
    private Money refundableAmount;
    private InspectionOutcome inspectionOutcome;

    private String currentPayoutId;
    private PayoutMethod currentPayoutMethod;
    private final Set<String> payoutIds = new HashSet<>();
    private boolean rated;
    private final Set<String> escalations = new HashSet<>();
    private int notificationCount;

    /** For Axon, which rebuilds the application from its events. */
    protected RefundApplication() {
    }

    @CommandHandler
    public RefundApplication(SubmitRefundApplication command, Clock clock, RefundPolicy policy,
                             OrderRefundLedgers ledgers,
                             @MetaDataValue(MetadataKeys.ACTOR) String actor,
                             @MetaDataValue(MetadataKeys.ACTOR_ROLES) String actorRoles) {
        // A number that does not look like one is a bug of the issuer, not the caller's fault: fail loudly.
        ApplicationNumber number = new ApplicationNumber(command.applicationNumber());
        Instant now = clock.instant();
        RefundSubmissionRules.check(command, now);
        ProductUsage usage = command.usage() == null ? ProductUsage.NOT_STATED : command.usage();
        String orderId = command.orderId().strip();
        PolicyFacts facts = new PolicyFacts(command.paidAmount(), command.requestedAmount(), command.purchasedAt(),
                command.deliveredAt(), usage, command.servicePeriodStart(), command.servicePeriodEnd(),
                command.discountReceived());
        String settledSubscription = blankToNull(command.subscriptionId());
        PolicyEvaluation evaluation = evaluate(policy, facts, settledSubscription, ledgers.positionOf(orderId), now);
        apply(new RefundApplicationSubmitted(
                command.applicationId(),
                number.value(),
                command.customerId().strip(),
                orderId,
                command.type() == null ? RefundType.REFUND_ONLY : command.type(),
                command.paidAmount(),
                command.requestedAmount(),
                command.reasonCategory(),
                command.reasonText() == null || command.reasonText().isBlank() ? null : command.reasonText().strip(),
                command.payoutMethod(),
                command.purchasedAt(),
                now,
                command.deliveredAt(),
                usage,
                command.servicePeriodStart(),
                command.servicePeriodEnd(),
                command.discountReceived(),
                command.productId(),
                command.customerSegment(),
                settledSubscription), Actor.of(actor, actorRoles).asMetaData());
        // Recorded even when out of policy: the reviewer decides, possibly by exception.
        apply(evaluation.toEvent(command.applicationId(), now));
        // Events applied in the constructor reach the state only after it returns: name everything explicitly.
        apply(notification(command.applicationId(), 1, "refund-submitted", command.customerId().strip(), policy, now));
    }

    @CommandHandler
    public RefundStatus handle(ResubmitRefundApplication command, Clock clock, RefundPolicy policy,
                               OrderRefundLedgers ledgers,
                               @MetaDataValue(MetadataKeys.ACTOR) String actor,
                               @MetaDataValue(MetadataKeys.ACTOR_ROLES) String actorRoles) {
        String amendmentNote = RefundReviewRules.requiredText(command.amendmentNote(), "amendmentNote",
                "AMENDMENT_NOTE_REQUIRED", RefundReviewRules.MAX_TEXT_LENGTH);
        String amendedText = RefundReviewRules.optionalText(command.reasonText(), "reasonText",
                RefundSubmissionRules.MAX_REASON_TEXT_LENGTH);
        if (status != RefundStatus.REJECTED) {
            throw DomainException.conflict("REFUND_NOT_REJECTED",
                    "Application " + applicationId + " is " + status + "; only a rejected application can be resubmitted");
        }
        if (approvedAmount != null) {
            // Rejected after its return was inspected: the goods came back, so there is nothing to amend.
            throw DomainException.conflict("RESUBMISSION_NOT_ALLOWED",
                    "Application " + applicationId + " was rejected after approval and cannot be resubmitted");
        }
        Money requested = command.requestedAmount() == null ? requestedAmount : command.requestedAmount();
        RefundReviewRules.requirePositiveInCurrency(requested, paidAmount, "requestedAmount", "REQUESTED_AMOUNT_NOT_POSITIVE");
        if (requested.isGreaterThan(paidAmount)) {
            throw DomainException.ruleViolation("REQUESTED_EXCEEDS_PAID", "requestedAmount",
                    "The requested amount " + requested + " exceeds the paid amount " + paidAmount);
        }
        Instant now = clock.instant();
        PolicyFacts amended = new PolicyFacts(facts.paidAmount(), requested, facts.purchasedAt(), facts.deliveredAt(),
                facts.usage(), facts.servicePeriodStart(), facts.servicePeriodEnd(), facts.discountReceived());
        PolicyEvaluation evaluation = evaluate(policy, amended, subscriptionId, ledgers.positionOf(orderId), now);
        // The event states the application as amended, unchanged values included, so it reads on its own.
        apply(new RefundApplicationResubmitted(applicationId, requested,
                command.reasonCategory() == null ? reasonCategory : command.reasonCategory(),
                amendedText == null ? reasonText : amendedText, amendmentNote, now),
                Actor.of(actor, actorRoles).asMetaData());
        apply(evaluation.toEvent(applicationId, now));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(AssignRefundApplication command, Clock clock) {
        String reviewer = RefundReviewRules.requiredText(command.reviewerId(), "reviewerId", "REVIEWER_ID_REQUIRED",
                RefundSubmissionRules.MAX_ID_LENGTH);
        requireOpen("assigned");
        if (reviewer.equals(reviewerId)) {
            throw DomainException.conflict("ALREADY_ASSIGNED",
                    "Application " + applicationId + " is already assigned to " + reviewer);
        }
        apply(new RefundApplicationAssigned(applicationId, reviewer, reviewerId, clock.instant()));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RequestMoreInformation command, Clock clock, RefundPolicy policy) {
        String question = RefundReviewRules.requiredText(command.question(), "question", "QUESTION_REQUIRED",
                RefundReviewRules.MAX_TEXT_LENGTH);
        requireAwaitingReview("asked for more information");
        Instant now = clock.instant();
        apply(new MoreInformationRequested(applicationId, question, now));
        notifyCustomer("information-requested", policy, now);
        return status;
    }

    @CommandHandler
    public RefundStatus handle(ProvideMoreInformation command, Clock clock) {
        String answer = RefundReviewRules.requiredText(command.answer(), "answer", "ANSWER_REQUIRED",
                RefundReviewRules.MAX_TEXT_LENGTH);
        List<String> attachments = attachmentReferences(command.attachmentReferences());
        if (status != RefundStatus.AWAITING_INFORMATION) {
            throw DomainException.conflict("NO_INFORMATION_REQUESTED",
                    "Application " + applicationId + " is " + status + " and waits for no information");
        }
        apply(new MoreInformationProvided(applicationId, answer, attachments, clock.instant()));
        return status;
    }

    /** First (or only) approval by a reviewer; reserves on the order's ledger when it is final. */
    RefundStatus approve(ApproveRefundApplication command, Actor actor, RefundPolicy policy,
                         OrderRefundLedgers ledgers, Instant now) {
        String note = RefundReviewRules.approvalNote(command.note());
        String justification = RefundReviewRules.optionalText(command.exceptionJustification(),
                "exceptionJustification", RefundReviewRules.MAX_TEXT_LENGTH);
        requireAwaitingReview("approved");
        String approver = actor.requireName();
        if (submitters.contains(approver)) {
            throw new DomainException("SUBMITTER_CANNOT_APPROVE", ErrorKind.FORBIDDEN, null,
                    approver + " submitted application " + applicationId + " and cannot approve it");
        }
        Money approved = RefundReviewRules.approvedAmount(command.approvedAmount(), requestedAmount, paidAmount);
        OrderRefundPosition order = ledgers.positionOf(orderId, applicationId);
        requireWithinOrderCap(approved, order);
        boolean exception = !withinPolicy || approved.isGreaterThan(eligibleAmount);
        if (exception && justification == null) {
            throw DomainException.ruleViolation("POLICY_EXCEPTION_JUSTIFICATION_REQUIRED", "exceptionJustification",
                    "Approving " + approved + " is outside the refund policy (eligible " + eligibleAmount
                            + "); a written justification is required");
        }
        if (secondApprovalRequired || policy.requiresSecondApproval(approved, order.reservedOr(approved.currency()))) {
            apply(new FirstApprovalGiven(applicationId, approved, note, justification, now), actor.asMetaData());
            return status;
        }
        return approveFinally(approved, note, justification, null, actor, policy, ledgers, now);
    }

    /** Finance's second approval (four-eyes): never by the first approver, never by a submitter. */
    RefundStatus approveSecond(GiveSecondApproval command, Actor actor, RefundPolicy policy,
                               OrderRefundLedgers ledgers, Instant now) {
        String note = RefundReviewRules.approvalNote(command.note());
        if (status != RefundStatus.AWAITING_SECOND_APPROVAL) {
            throw DomainException.conflict("REFUND_NOT_AWAITING_SECOND_APPROVAL",
                    "Application " + applicationId + " is " + status + " and awaits no second approval");
        }
        String approver = actor.requireName();
        if (approver.equals(firstApprovedBy)) {
            throw new DomainException("FOUR_EYES_SAME_APPROVER", ErrorKind.FORBIDDEN, null,
                    approver + " gave the first approval of " + applicationId + "; another person must give the second");
        }
        if (submitters.contains(approver)) {
            throw new DomainException("SUBMITTER_CANNOT_APPROVE", ErrorKind.FORBIDDEN, null,
                    approver + " submitted application " + applicationId + " and cannot approve it");
        }
        actor.requireRoleIfKnown(Actor.FINANCE, "FINANCE_APPROVAL_REQUIRED", "The second approval is finance's");
        requireWithinOrderCap(firstApprovedAmount, ledgers.positionOf(orderId, applicationId));
        return approveFinally(firstApprovedAmount, note == null ? firstApprovalNote : note, firstApprovalJustification,
                firstApprovedBy, actor, policy, ledgers, now);
    }

    private RefundStatus approveFinally(Money approved, String note, String justification, String firstApprover,
                                        Actor actor, RefundPolicy policy, OrderRefundLedgers ledgers, Instant now) {
        if (type != RefundType.EXCHANGE) {
            // An exchange pays no money, so it sets nothing of the order aside. The ledger re-checks the cap:
            // an approval that lost a race for the order's remaining amount fails here and records nothing.
            ledgers.reserve(orderId, applicationId, approved, paidAmount, now);
        }
        apply(new RefundApplicationApproved(applicationId, approved, note, now, justification, firstApprover),
                actor.asMetaData());
        if (type != RefundType.REFUND_ONLY) {
            apply(new ReturnAuthorized(applicationId, "RMA-" + applicationNumber, policy.returnAddress(), now));
        }
        notifyCustomer("refund-approved", policy, now);
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RejectRefundApplication command, Clock clock, RefundPolicy policy,
                               @MetaDataValue(MetadataKeys.ACTOR) String actorName,
                               @MetaDataValue(MetadataKeys.ACTOR_ROLES) String actorRoles) {
        String reason = RefundReviewRules.rejectionReason(command.reason());
        Actor actor = Actor.of(actorName, actorRoles);
        switch (status) {
            case SUBMITTED, AWAITING_INFORMATION -> actor.requireRoleIfKnown(Actor.REVIEWER, "REVIEWER_DECISION_REQUIRED",
                    "An application under review is rejected by a reviewer");
            case AWAITING_SECOND_APPROVAL -> actor.requireRoleIfKnown(Actor.FINANCE, "FINANCE_DECISION_REQUIRED",
                    "An application awaiting the second approval is rejected by finance");
            case RETURN_RECEIVED -> {
                if (!inspectedWithNothingToRefund()) {
                    throw notAwaitingReview("rejected");
                }
                actor.requireRoleIfKnown(Actor.REVIEWER, "REVIEWER_DECISION_REQUIRED",
                        "A return that failed inspection is rejected by a reviewer");
            }
            default -> throw notAwaitingReview("rejected");
        }
        Instant now = clock.instant();
        apply(new RefundApplicationRejected(applicationId, reason, now));
        notifyCustomer("refund-rejected", policy, now);
        return status;
    }

    RefundStatus withdraw(WithdrawRefundApplication command, OrderRefundLedgers ledgers, Instant now) {
        String reason = RefundReviewRules.optionalText(command.reason(), "reason", RefundReviewRules.MAX_REASON_LENGTH);
        if (NOT_WITHDRAWABLE.contains(status)) {
            throw DomainException.conflict("REFUND_CANNOT_BE_WITHDRAWN",
                    "Application " + applicationId + " is " + status + " and can no longer be withdrawn");
        }
        if (reservedAmount != null && reservedAmount.isPositive()) {
            ledgers.release(orderId, applicationId, reservedAmount, now);
        }
        apply(new RefundApplicationWithdrawn(applicationId, reason, now));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RecordReturnShipment command, Clock clock) {
        String carrier = RefundReviewRules.requiredText(command.carrier(), "carrier", "CARRIER_REQUIRED",
                RefundSubmissionRules.MAX_ID_LENGTH);
        String tracking = RefundReviewRules.requiredText(command.trackingNumber(), "trackingNumber",
                "TRACKING_NUMBER_REQUIRED", RefundSubmissionRules.MAX_ID_LENGTH);
        if (status != RefundStatus.AWAITING_RETURN) {
            throw DomainException.conflict("RETURN_NOT_AWAITED",
                    "Application " + applicationId + " is " + status + " and awaits no returned goods");
        }
        apply(new ReturnShipped(applicationId, carrier, tracking, clock.instant()));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RecordReturnReceipt command, Clock clock) {
        // Goods may arrive before anyone entered a tracking number.
        if (status != RefundStatus.RETURN_IN_TRANSIT && status != RefundStatus.AWAITING_RETURN) {
            throw DomainException.conflict("RETURN_NOT_AWAITED",
                    "Application " + applicationId + " is " + status + " and awaits no returned goods");
        }
        apply(new ReturnReceived(applicationId, clock.instant()));
        return status;
    }

    RefundStatus inspect(InspectReturn command, OrderRefundLedgers ledgers, Instant now) {
        if (command.outcome() == null) {
            throw DomainException.invalid("OUTCOME_REQUIRED", "outcome", "outcome is required (PASSED or FAILED)");
        }
        String notes = RefundReviewRules.optionalText(command.notes(), "notes", RefundReviewRules.MAX_TEXT_LENGTH);
        if (status != RefundStatus.RETURN_RECEIVED || inspectionOutcome != null) {
            throw DomainException.conflict("RETURN_NOT_AWAITING_INSPECTION",
                    "Application " + applicationId + " has no received, uninspected return");
        }
        Money adjusted = command.adjustedAmount();
        if (adjusted != null) {
            if (type == RefundType.EXCHANGE) {
                throw DomainException.ruleViolation("ADJUSTED_AMOUNT_NOT_APPLICABLE", "adjustedAmount",
                        "An exchange pays no money, so there is no amount to adjust");
            }
            if (!adjusted.sameCurrencyAs(approvedAmount)) {
                throw DomainException.ruleViolation("CURRENCY_MISMATCH", "adjustedAmount.currency",
                        "adjustedAmount must be in " + approvedAmount.currency());
            }
            if (adjusted.amount().signum() < 0) {
                throw DomainException.ruleViolation("ADJUSTED_AMOUNT_NEGATIVE", "adjustedAmount.amount",
                        "adjustedAmount cannot be negative");
            }
            if (adjusted.isGreaterThan(approvedAmount)) {
                throw DomainException.ruleViolation("ADJUSTED_EXCEEDS_APPROVED", "adjustedAmount",
                        "adjustedAmount " + adjusted + " exceeds the approved amount " + approvedAmount);
            }
        }
        if (type != RefundType.EXCHANGE) {
            Money left = refundableAfter(command.outcome(), adjusted);
            if (reservedAmount.isGreaterThan(left)) {
                ledgers.release(orderId, applicationId, reservedAmount.minus(left), now);
            }
        }
        apply(new ReturnInspected(applicationId, command.outcome(), notes, adjusted, now));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RecordReplacementShipment command, Clock clock) {
        String carrier = RefundReviewRules.requiredText(command.carrier(), "carrier", "CARRIER_REQUIRED",
                RefundSubmissionRules.MAX_ID_LENGTH);
        String tracking = RefundReviewRules.requiredText(command.trackingNumber(), "trackingNumber",
                "TRACKING_NUMBER_REQUIRED", RefundSubmissionRules.MAX_ID_LENGTH);
        if (type != RefundType.EXCHANGE) {
            throw DomainException.conflict("NOT_AN_EXCHANGE", "Application " + applicationId + " is no exchange");
        }
        if (status != RefundStatus.RETURN_RECEIVED || inspectionOutcome != InspectionOutcome.PASSED) {
            throw DomainException.conflict("REPLACEMENT_NOT_ALLOWED",
                    "A replacement ships only after the returned goods passed inspection");
        }
        apply(new ReplacementShipped(applicationId, carrier, tracking, clock.instant()));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(StartPayout command, Clock clock) {
        if (command.payoutId() == null || command.payoutId().isBlank()) {
            throw DomainException.invalid("PAYOUT_ID_REQUIRED", "payoutId", "payoutId is required");
        }
        if (status == RefundStatus.PAID) {
            throw alreadyPaid();
        }
        if (status == RefundStatus.PAYOUT_IN_PROGRESS) {
            throw DomainException.conflict("PAYOUT_ALREADY_IN_PROGRESS",
                    "Payout " + currentPayoutId + " of " + applicationId + " is still in progress");
        }
        if (!readyForPayout()) {
            throw DomainException.conflict("PAYOUT_NOT_ALLOWED",
                    "Application " + applicationId + " is " + status + " and cannot be paid out");
        }
        if (payoutIds.contains(command.payoutId())) {
            throw DomainException.conflict("PAYOUT_ID_ALREADY_USED", "Payout " + command.payoutId() + " was started before");
        }
        PayoutMethod method = command.method() == null ? payoutMethod : command.method();
        apply(new PayoutStarted(applicationId, command.payoutId(), refundableAmount, method, payoutIds.size() + 1,
                clock.instant()));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RecordPayoutSuccess command, Clock clock, RefundPolicy policy) {
        String reference = RefundReviewRules.requiredText(command.externalReference(), "externalReference",
                "EXTERNAL_REFERENCE_REQUIRED", RefundReviewRules.MAX_REFERENCE_LENGTH);
        requireCurrentPayout(command.payoutId());
        Instant now = clock.instant();
        apply(new PayoutSucceeded(applicationId, currentPayoutId, refundableAmount, currentPayoutMethod, reference, now));
        notifyCustomer("refund-paid", policy, now);
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RecordPayoutFailure command, Clock clock) {
        String reason = RefundReviewRules.requiredText(command.reason(), "reason", "REASON_REQUIRED",
                RefundReviewRules.MAX_REASON_LENGTH);
        requireCurrentPayout(command.payoutId());
        apply(new PayoutFailed(applicationId, currentPayoutId, reason, clock.instant()));
        return status;
    }

    @CommandHandler
    public RefundStatus handle(RateRefundApplication command, Clock clock) {
        if (command.rating() == null || command.rating() < 1 || command.rating() > 5) {
            throw DomainException.invalid("RATING_OUT_OF_RANGE", "rating", "rating must be a whole number from 1 to 5");
        }
        String comment = RefundReviewRules.optionalText(command.comment(), "comment", RefundReviewRules.MAX_TEXT_LENGTH);
        if (status != RefundStatus.PAID && status != RefundStatus.EXCHANGED) {
            throw DomainException.conflict("REFUND_NOT_COMPLETED",
                    "Application " + applicationId + " is " + status + "; it can be rated once paid or exchanged");
        }
        if (rated) {
            throw DomainException.conflict("ALREADY_RATED", "Application " + applicationId + " was rated already");
        }
        apply(new SatisfactionRated(applicationId, command.rating(), comment, clock.instant()));
        return status;
    }

    /**
     * The SLA monitor may be late or repeat itself: a deadline that no longer applies, or that was escalated
     * already, is ignored without error.
     */
    @CommandHandler
    public RefundStatus handle(EscalateRefundApplication command, Clock clock) {
        if (command.deadline() == null || command.dueAt() == null) {
            throw DomainException.invalid("DEADLINE_REQUIRED", "deadline", "deadline and dueAt are required");
        }
        if (deadlineApplies(command.deadline()) && !escalations.contains(escalationKey(command.deadline(), command.dueAt()))) {
            apply(new RefundApplicationEscalated(applicationId, command.deadline(), command.dueAt(), clock.instant()));
        }
        return status;
    }

    /** A cancellation's settlement was decided under the subscription's contract: the policy does not judge it again. */
    private static PolicyEvaluation evaluate(RefundPolicy policy, PolicyFacts facts, String subscriptionId,
                                             OrderRefundPosition order, Instant now) {
        return subscriptionId == null ? policy.evaluate(facts, order, now)
                : policy.evaluateContractSettlement(facts, subscriptionId, order, now);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private boolean deadlineApplies(DeadlineKind deadline) {
        return switch (deadline) {
            case REVIEW -> status == RefundStatus.SUBMITTED || status == RefundStatus.AWAITING_SECOND_APPROVAL;
            // For an exchange the "payout" deadline is the replacement shipment after a passed inspection.
            case PAYOUT -> readyForPayout() || awaitingReplacement() || status == RefundStatus.PAYOUT_IN_PROGRESS;
        };
    }

    private boolean awaitingReplacement() {
        return status == RefundStatus.RETURN_RECEIVED && type == RefundType.EXCHANGE
                && inspectionOutcome == InspectionOutcome.PASSED;
    }

    private boolean readyForPayout() {
        return switch (status) {
            case APPROVED -> type == RefundType.REFUND_ONLY;
            case RETURN_RECEIVED -> type == RefundType.RETURN_AND_REFUND && inspectionOutcome != null
                    && refundableAmount.isPositive();
            case PAYOUT_FAILED -> true;
            default -> false;
        };
    }

    private boolean inspectedWithNothingToRefund() {
        return inspectionOutcome != null && (type == RefundType.EXCHANGE
                ? inspectionOutcome == InspectionOutcome.FAILED
                : !refundableAmount.isPositive());
    }

    private Money refundableAfter(InspectionOutcome outcome, Money adjusted) {
        if (adjusted != null) {
            return adjusted;
        }
        return outcome == InspectionOutcome.PASSED ? approvedAmount : Money.zero(approvedAmount.currency());
    }

    private void requireCurrentPayout(String payoutId) {
        if (status == RefundStatus.PAID) {
            throw alreadyPaid();
        }
        if (status != RefundStatus.PAYOUT_IN_PROGRESS) {
            throw DomainException.conflict("NO_PAYOUT_IN_PROGRESS",
                    "Application " + applicationId + " is " + status + " and has no payout in progress");
        }
        if (!currentPayoutId.equals(payoutId)) {
            throw DomainException.conflict("PAYOUT_NOT_CURRENT",
                    "Payout " + payoutId + " is not the current payout of " + applicationId);
        }
    }

    private void requireWithinOrderCap(Money amount, OrderRefundPosition order) {
        if (type == RefundType.EXCHANGE) {
            return;
        }
        Money orderPaid = order.exists() ? order.paidAmount() : paidAmount;
        Money reserved = order.reservedOr(paidAmount.currency());
        if (!amount.sameCurrencyAs(orderPaid)) {
            throw DomainException.ruleViolation("CURRENCY_MISMATCH", "approvedAmount.currency",
                    "Order " + orderId + " was paid in " + orderPaid.currency());
        }
        if (reserved.plus(amount).isGreaterThan(orderPaid)) {
            throw DomainException.ruleViolation("ORDER_CAP_EXCEEDED", "approvedAmount",
                    "Order " + orderId + " was paid " + orderPaid + " and has " + reserved
                            + " reserved for refunds already; " + amount + " more would exceed what was paid");
        }
    }

    private DomainException alreadyPaid() {
        return DomainException.conflict("REFUND_ALREADY_PAID", "Application " + applicationId + " is paid already");
    }

    private void requireAwaitingReview(String decision) {
        if (status != RefundStatus.SUBMITTED) {
            throw notAwaitingReview(decision);
        }
    }

    private DomainException notAwaitingReview(String decision) {
        return DomainException.conflict("REFUND_NOT_AWAITING_REVIEW",
                "Application " + applicationId + " is " + status + " and can no longer be " + decision);
    }

    private void requireOpen(String action) {
        if (CLOSED.contains(status)) {
            throw DomainException.conflict("REFUND_CLOSED",
                    "Application " + applicationId + " is " + status + " and can no longer be " + action);
        }
    }

    private static List<String> attachmentReferences(List<String> references) {
        if (references == null) {
            return List.of();
        }
        if (references.size() > RefundReviewRules.MAX_ATTACHMENTS) {
            throw DomainException.invalid("TOO_MANY_ATTACHMENTS", "attachmentReferences",
                    "at most " + RefundReviewRules.MAX_ATTACHMENTS + " attachments");
        }
        return references.stream().map(r -> {
            if (r == null || r.isBlank() || RefundSubmissionRules.length(r) > RefundReviewRules.MAX_REFERENCE_LENGTH) {
                throw DomainException.invalid("ATTACHMENT_REFERENCE_INVALID", "attachmentReferences",
                        "attachment references must be non-blank and at most "
                                + RefundReviewRules.MAX_REFERENCE_LENGTH + " characters");
            }
            return r.strip();
        }).toList();
    }

    /** Ids are numbered per application, so a replay or a retried delivery sees the same id. */
    private void notifyCustomer(String template, RefundPolicy policy, Instant now) {
        apply(notification(applicationId, notificationCount + 1, template, customerId, policy, now));
    }

    private static CustomerNotificationRequested notification(String applicationId, int number, String template,
                                                              String customerId, RefundPolicy policy, Instant now) {
        return new CustomerNotificationRequested(applicationId, applicationId + "-n" + number,
                policy.notificationChannel(), template, customerId, now);
    }

    private static String escalationKey(DeadlineKind deadline, Instant dueAt) {
        return deadline + "@" + dueAt;
    }

    // ---- state changes, from events only ----

    @EventSourcingHandler
    void on(RefundApplicationSubmitted event, MetaData metaData) {
        applicationId = event.applicationId();
        applicationNumber = event.applicationNumber();
        customerId = event.customerId();
        orderId = event.orderId();
        subscriptionId = event.subscriptionId();
        type = event.type();
        payoutMethod = event.payoutMethod();
        status = RefundStatus.SUBMITTED;
        paidAmount = event.paidAmount();
        requestedAmount = event.requestedAmount();
        reasonCategory = event.reasonCategory();
        reasonText = event.reasonText();
        facts = new PolicyFacts(event.paidAmount(), event.requestedAmount(), event.purchasedAt(), event.deliveredAt(),
                event.usage() == null ? ProductUsage.NOT_STATED : event.usage(), event.servicePeriodStart(),
                event.servicePeriodEnd(), event.discountReceived());
        rememberSubmitter(metaData);
        // Applications recorded before the policy existed have no evaluation: nothing to hold against them.
        withinPolicy = true;
        eligibleAmount = event.paidAmount();
    }

    @EventSourcingHandler
    void on(RefundPolicyEvaluated event) {
        withinPolicy = event.withinPolicy();
        eligibleAmount = event.eligibleAmount();
        secondApprovalRequired = event.secondApprovalRequired();
    }

    @EventSourcingHandler
    void on(RefundApplicationResubmitted event, MetaData metaData) {
        status = RefundStatus.SUBMITTED;
        requestedAmount = event.requestedAmount();
        reasonCategory = event.reasonCategory();
        reasonText = event.reasonText();
        facts = new PolicyFacts(facts.paidAmount(), event.requestedAmount(), facts.purchasedAt(), facts.deliveredAt(),
                facts.usage(), facts.servicePeriodStart(), facts.servicePeriodEnd(), facts.discountReceived());
        rememberSubmitter(metaData);
        firstApprovedAmount = null;
        firstApprovedBy = null;
        firstApprovalNote = null;
        firstApprovalJustification = null;
    }

    private void rememberSubmitter(MetaData metaData) {
        Object actor = metaData.get(MetadataKeys.ACTOR);
        if (actor instanceof String name && !name.isBlank()) {
            submitters.add(name);
        }
    }

    @EventSourcingHandler
    void on(RefundApplicationAssigned event) {
        reviewerId = event.reviewerId();
    }

    @EventSourcingHandler
    void on(MoreInformationRequested event) {
        status = RefundStatus.AWAITING_INFORMATION;
    }

    @EventSourcingHandler
    void on(MoreInformationProvided event) {
        status = RefundStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(FirstApprovalGiven event, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        status = RefundStatus.AWAITING_SECOND_APPROVAL;
        firstApprovedAmount = event.approvedAmount();
        firstApprovedBy = actor;
        firstApprovalNote = event.note();
        firstApprovalJustification = event.exceptionJustification();
    }

    @EventSourcingHandler
    void on(RefundApplicationApproved event) {
        status = RefundStatus.APPROVED;
        approvedAmount = event.approvedAmount();
        refundableAmount = event.approvedAmount();
        reservedAmount = type == RefundType.EXCHANGE ? null : event.approvedAmount();
    }

    @EventSourcingHandler
    void on(ReturnAuthorized event) {
        status = RefundStatus.AWAITING_RETURN;
    }

    @EventSourcingHandler
    void on(ReturnShipped event) {
        status = RefundStatus.RETURN_IN_TRANSIT;
    }

    @EventSourcingHandler
    void on(ReturnReceived event) {
        status = RefundStatus.RETURN_RECEIVED;
    }

    @EventSourcingHandler
    void on(ReturnInspected event) {
        inspectionOutcome = event.outcome();
        if (type != RefundType.EXCHANGE) {
            refundableAmount = refundableAfter(event.outcome(), event.adjustedAmount());
            reservedAmount = refundableAmount;
        }
    }

    @EventSourcingHandler
    void on(ReplacementShipped event) {
        status = RefundStatus.EXCHANGED;
    }

    @EventSourcingHandler
    void on(RefundApplicationRejected event) {
        status = RefundStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(RefundApplicationWithdrawn event) {
        status = RefundStatus.WITHDRAWN;
        reservedAmount = null;
    }

    @EventSourcingHandler
    void on(PayoutStarted event) {
        status = RefundStatus.PAYOUT_IN_PROGRESS;
        currentPayoutId = event.payoutId();
        currentPayoutMethod = event.method();
        payoutIds.add(event.payoutId());
    }

    @EventSourcingHandler
    void on(PayoutSucceeded event) {
        status = RefundStatus.PAID;
    }

    @EventSourcingHandler
    void on(PayoutFailed event) {
        status = RefundStatus.PAYOUT_FAILED;
    }

    @EventSourcingHandler
    void on(SatisfactionRated event) {
        rated = true;
    }

    @EventSourcingHandler
    void on(RefundApplicationEscalated event) {
        escalations.add(escalationKey(event.deadline(), event.dueAt()));
    }

    @EventSourcingHandler
    void on(CustomerNotificationRequested event) {
        notificationCount++;
    }
}
