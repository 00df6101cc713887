package io.refundledger.query.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.query.finance.FinanceQueue;
import io.refundledger.query.finance.RefundsByStatusStore;
import io.refundledger.query.refund.RefundProgressView.DeductionView;
import io.refundledger.query.refund.RefundProgressView.EscalationView;
import io.refundledger.query.refund.RefundProgressView.FirstApprovalView;
import io.refundledger.query.refund.RefundProgressView.InformationRequestView;
import io.refundledger.query.refund.RefundProgressView.InspectionView;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import io.refundledger.query.refund.RefundProgressView.NotificationView;
import io.refundledger.query.refund.RefundProgressView.PayoutState;
import io.refundledger.query.refund.RefundProgressView.PayoutView;
import io.refundledger.query.refund.RefundProgressView.PolicyEvaluationView;
import io.refundledger.query.refund.RefundProgressView.ProgressStep;
import io.refundledger.query.refund.RefundProgressView.RatingView;
import io.refundledger.query.refund.RefundProgressView.ReplacementView;
import io.refundledger.query.refund.RefundProgressView.ReturnShipmentView;
import io.refundledger.query.refund.RefundProgressView.RuleResultView;
import io.refundledger.query.refund.RefundProgressView.TimelineStep;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps {@link RefundProgressView}s, and the finance lists they belong on, in step with the refund events.
 *
 * <p>Read-model writes cannot be atomic with the processor's token update, so after a crash a batch is
 * delivered again. Every view remembers the global position of the last event applied to it, and an event
 * at or below that position is skipped: redelivery changes nothing. Events of one application arrive in
 * order (Axon sequences per aggregate), so one application's view has one writer at a time. Side documents
 * (order/customer index, finance lists) are written before the view, with idempotent atomic updates: a
 * crash in between leaves the view behind, so the redelivered event is applied again and repeats them.
 */
@Component
@ProcessingGroup(RefundProgressProjection.PROCESSING_GROUP)
public class RefundProgressProjection {

    public static final String PROCESSING_GROUP = "refund-progress";
    /** Metadata key the command side uses for who did something. */
    public static final String ACTOR = MetadataKeys.ACTOR;
    public static final Duration DEFAULT_PAYOUT_DEADLINE = Duration.ofDays(3);

    private final RefundProgressStore store;
    private final RefundsByStatusStore financeLists;
    private final Duration payoutDeadline;

    @Autowired
    public RefundProgressProjection(RefundProgressStore store, RefundsByStatusStore financeLists,
                                    @Value("${ledger.refund-policy.payout-deadline:P3D}") Duration payoutDeadline) {
        this.store = store;
        this.financeLists = financeLists;
        this.payoutDeadline = payoutDeadline;
    }

    // ------------------------------------------------------------------------------------------- submission and review

    @EventHandler
    void on(RefundApplicationSubmitted event, TrackingToken token, MetaData metaData) {
        long position = positionOf(token);
        Optional<RefundProgressView> existing = store.findById(event.applicationId());
        if (existing.isPresent() && alreadyApplied(existing.get(), position)) {
            return;
        }
        // Index entries before the view: a crash in between leaves no view, so the redelivered event is applied
        // again. The other way round, the redelivery would be skipped and the entries never written.
        store.indexUnderOrder(event.orderId(), event.applicationId());
        store.indexUnderCustomer(event.customerId(), event.applicationId());
        ProgressDraft d = new ProgressDraft();
        d.applicationId = event.applicationId();
        d.applicationNumber = event.applicationNumber();
        d.customerId = event.customerId();
        d.orderId = event.orderId();
        d.type = event.type();
        d.status = RefundLifecycle.statusAfter(null, event);
        d.paidAmount = MoneyView.of(event.paidAmount());
        d.requestedAmount = MoneyView.of(event.requestedAmount());
        d.reasonCategory = event.reasonCategory();
        d.reasonText = event.reasonText();
        d.payoutMethod = event.payoutMethod();
        d.purchasedAt = event.purchasedAt();
        d.submittedAt = event.submittedAt();
        d.step(new TimelineStep(ProgressStep.SUBMITTED, event.submittedAt(), event.reasonText(), actorOf(metaData)));
        save(existing.orElse(null), d.build(position));
    }

    @EventHandler
    void on(RefundPolicyEvaluated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.policyEvaluation = new PolicyEvaluationView(event.policyVersion(), event.withinPolicy(),
                    event.rules() == null ? List.of() : event.rules().stream()
                            .map(rule -> new RuleResultView(rule.rule(), rule.passed(), rule.detail())).toList(),
                    MoneyView.of(event.eligibleAmount()),
                    event.deductions() == null ? List.of() : event.deductions().stream()
                            .map(line -> new DeductionView(line.kind(), MoneyView.of(line.amount()), line.explanation())).toList(),
                    event.secondApprovalRequired(), event.reviewDueBy(), event.evaluatedAt());
            String summary = "Policy " + event.policyVersion() + (event.withinPolicy() ? ": within policy" : ": outside policy")
                    + (event.eligibleAmount() == null ? "" : ", eligible " + event.eligibleAmount())
                    + (event.secondApprovalRequired() ? ", needs second approval" : "");
            d.step(new TimelineStep(ProgressStep.POLICY_EVALUATED, event.evaluatedAt(), summary, actorOf(metaData)));
        });
    }

    @EventHandler
    void on(RefundApplicationAssigned event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.assignedReviewer = event.reviewerId();
            String detail = event.previousReviewerId() == null
                    ? "Assigned to " + event.reviewerId()
                    : "Reassigned from " + event.previousReviewerId() + " to " + event.reviewerId();
            d.step(new TimelineStep(ProgressStep.ASSIGNED, event.assignedAt(), detail, actorOf(metaData)));
        });
    }

    @EventHandler
    void on(MoreInformationRequested event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.informationRequests.add(new InformationRequestView(event.question(), event.requestedAt(), actorOf(metaData),
                    null, List.of(), null, null));
            d.step(new TimelineStep(ProgressStep.INFORMATION_REQUESTED, event.requestedAt(), event.question(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(MoreInformationProvided event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            int open = lastUnanswered(d.informationRequests);
            if (open >= 0) {
                InformationRequestView asked = d.informationRequests.get(open);
                d.informationRequests.set(open, new InformationRequestView(asked.question(), asked.requestedAt(),
                        asked.requestedBy(), event.answer(), event.attachmentReferences(), event.providedAt(), actorOf(metaData)));
            } else {
                // An answer without a recorded question still belongs in the record.
                d.informationRequests.add(new InformationRequestView(null, null, null, event.answer(),
                        event.attachmentReferences(), event.providedAt(), actorOf(metaData)));
            }
            int attachments = event.attachmentReferences() == null ? 0 : event.attachmentReferences().size();
            d.step(new TimelineStep(ProgressStep.INFORMATION_PROVIDED, event.providedAt(),
                    event.answer() + (attachments == 0 ? "" : " (" + attachments + " attachment" + (attachments == 1 ? ")" : "s)")),
                    actorOf(metaData)));
        });
    }

    @EventHandler
    void on(FirstApprovalGiven event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.firstApproval = new FirstApprovalView(MoneyView.of(event.approvedAmount()), actorOf(metaData), event.note(),
                    event.exceptionJustification(), event.approvedAt());
            d.amountToRefund = MoneyView.of(event.approvedAmount());
            d.step(new TimelineStep(ProgressStep.FIRST_APPROVAL_GIVEN, event.approvedAt(), event.note(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(RefundApplicationApproved event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.approvedAmount = MoneyView.of(event.approvedAmount());
            d.amountToRefund = d.approvedAmount;
            d.decidedAt = event.approvedAt();
            d.rejectionReason = null;
            d.exceptionJustification = event.exceptionJustification();
            if (d.type == RefundType.REFUND_ONLY || d.type == null) {
                // Payable from now; returns become payable when the goods pass inspection.
                d.payoutDueBy = event.approvedAt().plus(payoutDeadline);
            }
            d.step(new TimelineStep(ProgressStep.APPROVED, event.approvedAt(), event.note(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(RefundApplicationRejected event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.rejectionReason = event.reason();
            d.decidedAt = event.rejectedAt();
            d.step(new TimelineStep(ProgressStep.REJECTED, event.rejectedAt(), event.reason(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(RefundApplicationResubmitted event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.requestedAmount = MoneyView.of(event.requestedAmount());
            d.reasonCategory = event.reasonCategory();
            d.reasonText = event.reasonText();
            // A new review of the amended application: the earlier decision and evaluation stay in the timeline only.
            d.rejectionReason = null;
            d.decidedAt = null;
            d.approvedAmount = null;
            d.amountToRefund = null;
            d.firstApproval = null;
            d.exceptionJustification = null;
            d.policyEvaluation = null;
            d.payoutDueBy = null;
            d.step(new TimelineStep(ProgressStep.RESUBMITTED, event.resubmittedAt(), event.amendmentNote(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(RefundApplicationWithdrawn event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event,
                d -> d.step(new TimelineStep(ProgressStep.WITHDRAWN, event.withdrawnAt(), event.reason(), actorOf(metaData))));
    }

    // ------------------------------------------------------------------------------------------- returns and exchanges

    @EventHandler
    void on(ReturnAuthorized event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.returnShipment = new ReturnShipmentView(event.returnAuthorizationNumber(), event.returnAddress(),
                    event.authorizedAt(), null, null, null, null);
            d.step(new TimelineStep(ProgressStep.RETURN_AUTHORIZED, event.authorizedAt(),
                    event.returnAuthorizationNumber() + ": send to " + event.returnAddress(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(ReturnShipped event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            ReturnShipmentView r = returnOf(d);
            d.returnShipment = new ReturnShipmentView(r.returnAuthorizationNumber(), r.returnAddress(), r.authorizedAt(),
                    event.carrier(), event.trackingNumber(), event.shippedAt(), r.receivedAt());
            d.step(new TimelineStep(ProgressStep.RETURN_SHIPPED, event.shippedAt(),
                    event.carrier() + " " + event.trackingNumber(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(ReturnReceived event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            ReturnShipmentView r = returnOf(d);
            d.returnShipment = new ReturnShipmentView(r.returnAuthorizationNumber(), r.returnAddress(), r.authorizedAt(),
                    r.carrier(), r.trackingNumber(), r.shippedAt(), event.receivedAt());
            d.step(new TimelineStep(ProgressStep.RETURN_RECEIVED, event.receivedAt(), null, actorOf(metaData)));
        });
    }

    @EventHandler
    void on(ReturnInspected event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            MoneyView adjusted = MoneyView.of(event.adjustedAmount());
            d.inspection = new InspectionView(event.outcome(), event.notes(), adjusted, event.inspectedAt(), actorOf(metaData));
            d.amountToRefund = RefundLifecycle.refundableAfterInspection(d.type, d.amountToRefund, event.outcome(), adjusted);
            if (RefundLifecycle.inspectionLetsItProceed(event.outcome(), adjusted)) {
                // The goods are back and good enough: from now on the money (or the replacement) is due.
                d.payoutDueBy = event.inspectedAt().plus(payoutDeadline);
            }
            d.step(new TimelineStep(ProgressStep.RETURN_INSPECTED, event.inspectedAt(),
                    event.outcome() + (event.notes() == null ? "" : ": " + event.notes())
                            + (adjusted == null ? "" : " (refund " + event.adjustedAmount() + ")"),
                    actorOf(metaData)));
        });
    }

    @EventHandler
    void on(ReplacementShipped event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.replacement = new ReplacementView(event.carrier(), event.trackingNumber(), event.shippedAt());
            d.step(new TimelineStep(ProgressStep.REPLACEMENT_SHIPPED, event.shippedAt(),
                    event.carrier() + " " + event.trackingNumber(), actorOf(metaData)));
        });
    }

    // ------------------------------------------------------------------------------------------- payout and after

    @EventHandler
    void on(PayoutStarted event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            putPayout(d.payouts, new PayoutView(event.payoutId(), event.attempt(), MoneyView.of(event.amount()), event.method(),
                    PayoutState.IN_PROGRESS, null, null, event.startedAt(), null));
            d.step(new TimelineStep(ProgressStep.PAYOUT_STARTED, event.startedAt(),
                    "Attempt " + event.attempt() + ": " + event.amount() + " by " + event.method(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(PayoutFailed event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            PayoutView p = payoutOf(d, event.payoutId());
            putPayout(d.payouts, new PayoutView(p.payoutId(), p.attempt(), p.amount(), p.method(), PayoutState.FAILED,
                    null, event.reason(), p.startedAt(), event.failedAt()));
            d.step(new TimelineStep(ProgressStep.PAYOUT_FAILED, event.failedAt(), event.reason(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(PayoutSucceeded event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            PayoutView p = payoutOf(d, event.payoutId());
            putPayout(d.payouts, new PayoutView(event.payoutId(), p.attempt(), MoneyView.of(event.amount()), event.method(),
                    PayoutState.SUCCEEDED, event.externalReference(), null, p.startedAt(), event.succeededAt()));
            d.step(new TimelineStep(ProgressStep.PAYOUT_SUCCEEDED, event.succeededAt(),
                    event.amount() + " by " + event.method() + ", reference " + event.externalReference(), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(SatisfactionRated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.rating = new RatingView(event.rating(), event.comment(), event.ratedAt());
            d.step(new TimelineStep(ProgressStep.RATED, event.ratedAt(),
                    event.rating() + "/5" + (event.comment() == null ? "" : ": " + event.comment()), actorOf(metaData)));
        });
    }

    @EventHandler
    void on(CustomerNotificationRequested event, TrackingToken token, MetaData metaData) {
        // Not a step of the application: listed on its own, and it leaves lastUpdatedAt alone.
        update(event.applicationId(), token, event, d -> d.notifications.add(new NotificationView(event.notificationId(),
                event.channel(), event.template(), event.recipientReference(), event.requestedAt())));
    }

    @EventHandler
    void on(RefundApplicationEscalated event, TrackingToken token, MetaData metaData) {
        update(event.applicationId(), token, event, d -> {
            d.escalations.add(new EscalationView(event.deadline(), event.dueAt(), event.escalatedAt()));
            d.step(new TimelineStep(ProgressStep.ESCALATED, event.escalatedAt(),
                    event.deadline() + " deadline " + event.dueAt() + " passed", actorOf(metaData)));
        });
    }

    /** A replay starts from an empty read model. */
    @ResetHandler
    void onReset() {
        store.deleteAll();
        financeLists.deleteAll();
    }

    // ------------------------------------------------------------------------------------------- mechanics

    /** Loads the view, skips an event already applied, lets {@code change} apply it and stores the result. */
    private void update(String applicationId, TrackingToken token, Object event, Consumer<ProgressDraft> change) {
        long position = positionOf(token);
        RefundProgressView current = store.findById(applicationId).orElseThrow(() -> new IllegalStateException(
                "No progress view for refund application " + applicationId + " at position " + position + " ("
                        + event.getClass().getSimpleName() + "); its submission must have been applied first"));
        if (alreadyApplied(current, position)) {
            return;
        }
        ProgressDraft draft = ProgressDraft.from(current);
        draft.status = RefundLifecycle.statusAfter(current.status(), event);
        change.accept(draft);
        save(current, draft.build(position));
    }

    /**
     * Finance list first, view second (see the class comment). The move is repeated on redelivery because the
     * stored view is still the old one then; readers filter list members by their view, so the moment between
     * the two writes shows nothing wrong either.
     */
    private void save(RefundProgressView before, RefundProgressView after) {
        FinanceQueue from = FinanceQueue.of(before).orElse(null);
        FinanceQueue to = FinanceQueue.of(after).orElse(null);
        if (from != to) {
            financeLists.place(after.applicationId(), to);
        }
        store.save(after);
    }

    private static ReturnShipmentView returnOf(ProgressDraft d) {
        return d.returnShipment != null ? d.returnShipment : new ReturnShipmentView(null, null, null, null, null, null, null);
    }

    private static PayoutView payoutOf(ProgressDraft d, String payoutId) {
        return d.payouts.stream().filter(p -> p.payoutId().equals(payoutId)).findFirst()
                .orElse(new PayoutView(payoutId, d.payouts.size() + 1, null, null, null, null, null, null, null));
    }

    private static void putPayout(List<PayoutView> payouts, PayoutView payout) {
        for (int i = 0; i < payouts.size(); i++) {
            if (payouts.get(i).payoutId().equals(payout.payoutId())) {
                payouts.set(i, payout);
                return;
            }
        }
        payouts.add(payout);
    }

    private static int lastUnanswered(List<InformationRequestView> requests) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).answeredAt() == null) {
                return i;
            }
        }
        return -1;
    }

    private static boolean alreadyApplied(RefundProgressView view, long position) {
        return position <= view.lastAppliedPosition();
    }

    private static long positionOf(TrackingToken token) {
        // Our store tracks with dense global sequence numbers; a replay wraps them, and position() sees through that.
        return token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
    }

    private static String actorOf(MetaData metaData) {
        return Objects.toString(metaData.get(ACTOR), null);
    }
}
