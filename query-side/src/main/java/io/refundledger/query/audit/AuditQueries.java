package io.refundledger.query.audit;

import io.refundledger.infrastructure.audit.LogDigests;
import io.refundledger.infrastructure.audit.SignedDigest;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.query.audit.AuditHistoryStore.AggregateHistory;
import io.refundledger.query.audit.RefundReplay.Replayed;
import io.refundledger.query.refund.RefundProgressFold;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Answers auditors' questions from the {@code audit_history} read model. Every read is an {@code _id} lookup. */
@Service
public class AuditQueries {

    static final Set<String> POLICY_EVENTS = Set.of("RefundPolicyEvaluated");
    static final Set<String> DECISION_EVENTS = Set.of("FirstApprovalGiven", "RefundApplicationApproved",
            "RefundApplicationRejected", "RefundApplicationWithdrawn", "RefundApplicationResubmitted",
            "MoreInformationRequested", "ReturnAuthorized", "ReturnInspected");
    static final Set<String> NOTIFICATION_EVENTS = Set.of("CustomerNotificationRequested");
    static final Set<String> PAYOUT_EVENTS = Set.of("PayoutStarted", "PayoutFailed", "PayoutSucceeded");

    /** The command side names an order's ledger {@code order:<orderId>} (OrderRefundLedger.ledgerId). */
    static final String ORDER_LEDGER_ID_PREFIX = "order:";
    static final String ORDER_LEDGER_TYPE = "OrderRefundLedger";
    /** The command side's aggregate type for subscriptions. */
    static final String SUBSCRIPTION_TYPE = "Subscription";

    private final AuditHistoryStore store;
    private final RefundReplay replay;
    private final ObjectProvider<LogDigests> logDigests;
    private final Clock clock;

    public AuditQueries(AuditHistoryStore store,
                        @Value("${ledger.refund-policy.payout-deadline:P3D}") Duration payoutDeadline,
                        ObjectProvider<LogDigests> logDigests, ObjectProvider<Clock> clock) {
        this.store = store;
        this.replay = new RefundReplay(new RefundProgressFold(payoutDeadline));
        this.logDigests = logDigests;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public AuditHistoryView history(String applicationId) {
        AggregateHistory history = find(applicationId);
        return new AuditHistoryView(history.aggregateId(), history.aggregateType(), history.entries());
    }

    /**
     * Every recorded event of one subscription, oldest first. An id that is not a subscription's (a refund
     * application's, say) is unknown here, as it is to {@code /api/subscriptions}.
     */
    public AuditHistoryView subscriptionHistory(String subscriptionId) {
        AggregateHistory history = find(subscriptionId);
        if (!SUBSCRIPTION_TYPE.equals(history.aggregateType())) {
            throw DomainException.notFound("AUDIT_HISTORY_NOT_FOUND", "No recorded history for subscription " + subscriptionId + ".");
        }
        return new AuditHistoryView(history.aggregateId(), history.aggregateType(), history.entries());
    }

    /**
     * The customer's applications' and subscriptions' entries in log order; nothing recorded is an empty history,
     * not an error.
     */
    public CustomerAuditHistoryView customerHistory(String customerId) {
        List<String> applicationIds = List.copyOf(store.applicationIdsOfCustomer(customerId));
        List<String> subscriptionIds = List.copyOf(store.subscriptionIdsOfCustomer(customerId));
        List<String> aggregateIds = new ArrayList<>(applicationIds);
        aggregateIds.addAll(subscriptionIds);
        List<AuditEntry> merged = new ArrayList<>();
        store.findAll(aggregateIds).forEach(history -> merged.addAll(history.entries()));
        merged.sort(Comparator.comparingLong(AuditEntry::globalPosition));
        return new CustomerAuditHistoryView(customerId, applicationIds, subscriptionIds, merged);
    }

    public RefundStateView stateAt(String applicationId, PointInLog point) {
        return stateOf(find(applicationId), point);
    }

    public RefundChangesView changes(String applicationId, PointInLog from, PointInLog to) {
        AggregateHistory history = find(applicationId);
        RefundStateView before = stateOf(history, from);
        RefundStateView after = stateOf(history, to);
        if (before.lastAppliedPosition() > after.lastAppliedPosition()) {
            throw DomainException.invalid("INVALID_RANGE", "from", "from must not be later than to.");
        }
        List<AuditEntry> between = history.entries().stream()
                .filter(e -> e.globalPosition() > before.lastAppliedPosition() && e.globalPosition() <= after.lastAppliedPosition())
                .toList();
        return new RefundChangesView(before, after, StateDifferences.between(before.state(), after.state()), between);
    }

    public DisputeDossier dossier(String applicationId, String requestedBy) {
        AggregateHistory history = find(applicationId);
        Replayed replayed = replay.replay(history.entries(), null);
        var state = replayed.state();
        List<AuditEntry> entries = history.entries();
        List<AuditEntry> orderLedger = state == null || state.orderId() == null ? List.of()
                : orderLedgerEntries(state.orderId(), applicationId);
        return new DisputeDossier(applicationId, state == null ? null : state.applicationNumber(),
                state == null ? null : state.customerId(), state == null ? null : state.orderId(), clock.instant(),
                requestedBy, state, replayed.transitions(), ofTypes(entries, POLICY_EVENTS),
                ofTypes(entries, DECISION_EVENTS), ofTypes(entries, NOTIFICATION_EVENTS), ofTypes(entries, PAYOUT_EVENTS),
                orderLedger, entries, currentDigest());
    }

    /** The order ledger's reservations and releases for this application, in log order. */
    private List<AuditEntry> orderLedgerEntries(String orderId, String applicationId) {
        List<AuditEntry> entries = new ArrayList<>();
        store.findAll(List.of(ORDER_LEDGER_ID_PREFIX + orderId, orderId)).stream()
                .filter(history -> ORDER_LEDGER_TYPE.equals(history.aggregateType()))
                .forEach(history -> entries.addAll(history.entries()));
        return entries.stream().filter(e -> applicationId.equals(e.payload().get("applicationId")))
                .sorted(Comparator.comparingLong(AuditEntry::globalPosition)).toList();
    }

    private SignedDigest currentDigest() {
        LogDigests digests = logDigests.getIfAvailable();
        return digests == null ? null : digests.current();
    }

    private RefundStateView stateOf(AggregateHistory history, PointInLog point) {
        Replayed replayed = replay.replay(history.entries(), point);
        return new RefundStateView(history.aggregateId(), point.at(), point.position(), replayed.lastAppliedPosition(),
                replayed.lastEventAt(), replayed.eventsApplied(), replayed.state());
    }

    private AggregateHistory find(String applicationId) {
        if (applicationId == null || applicationId.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", "applicationId", "Give an application id.");
        }
        return store.find(applicationId.strip()).orElseThrow(() -> DomainException.notFound("AUDIT_HISTORY_NOT_FOUND",
                "No recorded history for " + applicationId + "."));
    }

    private static List<AuditEntry> ofTypes(List<AuditEntry> entries, Set<String> types) {
        return entries.stream().filter(e -> types.contains(e.eventType())).toList();
    }
}
