package io.refundledger.command.subscription.process;

import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.command.subscription.CompleteSubscriptionDataExport;
import io.refundledger.command.subscription.ConfirmSubscriptionTermination;
import io.refundledger.command.subscription.DeactivateSubscriptionAccounts;
import io.refundledger.command.subscription.PurgeSubscriptionPersonalData;
import io.refundledger.command.subscription.RecordSettlementRefund;
import io.refundledger.command.subscription.RecordSettlementStatus;
import io.refundledger.command.subscription.RequestSubscriptionDataExport;
import io.refundledger.command.subscription.process.CancellationProcessStore.StoredProcess;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Carries out the cancellation steps that are due, from the state {@link SubscriptionCancellationProcess} keeps:
 * each run reads the due index (one document), claims each due process (a lease, so two instances never act on the
 * same one), works out its next step from the stored state and performs it, as the system through the
 * {@value #CHANNEL} channel.
 *
 * <p>Every step is safe to repeat, and each is sent at most once: before sending, the dispatch journal is asked
 * whether this very step of this very cancellation was sent already (then the runner only waits for its event,
 * looking again after {@code awaitEvent}); values that must not change on a retry (the termination's confirmation
 * number, the refund's application number) are fixed in the journal before the first send; the refund
 * application's id is derived from the cancellation, and an application that exists already is not submitted
 * again. Failures are retried with exponential backoff; a refusal by the aggregate (a domain error) too, since its
 * state may still change (and it is logged with its code).
 */
public class CancellationProcessRunner {

    public static final String CHANNEL = "process-manager";
    public static final String SYSTEM_ACTOR = "system";
    public static final String EXPORT_FORMAT = "JSON";
    private static final Logger log = LoggerFactory.getLogger(CancellationProcessRunner.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final CancellationProcessStore store;
    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final SubscriptionDataExporter exporter;
    private final PersonalDataVault vault;
    private final TerminationConfirmationNumbers confirmationNumbers;
    private final ApplicationNumberIssuer applicationNumbers;
    private final Clock clock;
    private final ZoneId businessZone;
    private final CancellationProcessProperties.Process settings;

    public CancellationProcessRunner(CancellationProcessStore store, CommandGateway commandGateway, EventStore eventStore,
                                     SubscriptionDataExporter exporter, PersonalDataVault vault,
                                     TerminationConfirmationNumbers confirmationNumbers,
                                     ApplicationNumberIssuer applicationNumbers, Clock clock, ZoneId businessZone,
                                     CancellationProcessProperties.Process settings) {
        if (settings.batchSize() < 1) {
            throw new IllegalArgumentException("ledger.subscriptions.process.batch-size must be at least 1");
        }
        this.store = store;
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.exporter = exporter;
        this.vault = vault;
        this.confirmationNumbers = confirmationNumbers;
        this.applicationNumbers = applicationNumbers;
        this.clock = clock;
        this.businessZone = businessZone;
        this.settings = settings;
    }

    /** The export id of a cancellation: derived, so a repeated request names the same export. */
    public static String exportIdFor(String cancellationId) {
        return UUID.nameUUIDFromBytes(("subscription-export:" + cancellationId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * One run over the processes due now, earliest first, at most a batch.
     *
     * @return how many steps were performed (sent, or the key destroyed)
     */
    public int runDue() {
        Instant now = clock.instant();
        List<String> due = store.dueIndex().entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(settings.batchSize())
                .map(Map.Entry::getKey)
                .toList();
        int performed = 0;
        for (String subscriptionId : due) {
            try {
                if (run(subscriptionId, now)) {
                    performed++;
                }
            } catch (RuntimeException e) {
                log.warn("Cancellation process of {} could not run; trying again after its lease: {}", subscriptionId,
                        e.toString());
            }
        }
        return performed;
    }

    private boolean run(String subscriptionId, Instant now) {
        String claimToken = UUID.randomUUID().toString();
        Optional<StoredProcess> claimed = store.claim(subscriptionId, now, settings.lease(), claimToken);
        if (claimed.isEmpty()) {
            store.syncDueIndex(subscriptionId); // not due (any more), or another instance has it
            return false;
        }
        StoredProcess stored = claimed.get();
        Optional<DueStep> next = stored.process().next(businessZone);
        if (next.isEmpty() || next.get().dueAt().isAfter(now)) {
            store.release(subscriptionId, claimToken, stored.lastAppliedPosition(),
                    next.map(DueStep::dueAt).orElse(now.plus(settings.awaitEvent())), 0, null);
            return false;
        }
        DueStep step = next.get();
        try {
            boolean performed = perform(step, stored.process(), claimToken, now);
            if (step.step() != CancellationStep.DESTROY_KEY) {
                store.release(subscriptionId, claimToken, stored.lastAppliedPosition(), now.plus(settings.awaitEvent()), 0,
                        null);
            }
            return performed;
        } catch (RuntimeException e) {
            int attempts = stored.attempts() + 1;
            String error = e instanceof DomainException refused ? refused.code() : e.getClass().getSimpleName();
            log.warn("Step {} of the cancellation of {} failed (attempt {}): {}", step.step(), subscriptionId, attempts,
                    e.toString());
            store.release(subscriptionId, claimToken, stored.lastAppliedPosition(), now.plus(backoff(attempts)), attempts,
                    error);
            return false;
        }
    }

    private boolean perform(DueStep due, CancellationProcess process, String claimToken, Instant now) {
        if (due.step() == CancellationStep.DESTROY_KEY) {
            // Not a command: the key is destroyed (idempotent), and the state remembers it.
            vault.destroy(process.keyId());
            store.markKeyDestroyed(process.subscriptionId(), claimToken);
            return true;
        }
        if (store.wasDispatched(due.dispatchKey())) {
            return false; // sent before (perhaps before a replay): its event will tell
        }
        String subscriptionId = process.subscriptionId();
        Object command = switch (due.step()) {
            case REQUEST_EXPORT ->
                    new RequestSubscriptionDataExport(subscriptionId, exportIdFor(process.cancellationId()), EXPORT_FORMAT);
            case COMPLETE_EXPORT -> {
                SubscriptionDataExporter.ExportedData exported = exporter.export(subscriptionId, process.exportId());
                yield new CompleteSubscriptionDataExport(subscriptionId, process.exportId(), exported.reference(),
                        exported.sha256());
            }
            case DEACTIVATE_ACCOUNTS -> new DeactivateSubscriptionAccounts(subscriptionId);
            case CONFIRM_TERMINATION -> new ConfirmSubscriptionTermination(subscriptionId, store.journalEntry(
                    due.dispatchKey(), Map.of("confirmationNumber", confirmationNumbers.issue()), now)
                    .getString("confirmationNumber"));
            case OPEN_REFUND -> {
                String applicationId = SettlementRefunds.applicationIdFor(process.cancellationId());
                if (eventStore.lastSequenceNumberFor(applicationId).isPresent()) {
                    // Opened by an earlier attempt whose bookkeeping was lost: its submission event will link it.
                    store.markDispatched(due.dispatchKey(), now);
                    yield null;
                }
                String number = store.journalEntry(due.dispatchKey(),
                        Map.of("applicationNumber", applicationNumbers.issue().value()), now).getString("applicationNumber");
                yield SettlementRefunds.submission(process, number, businessZone, now);
            }
            case RECORD_REFUND -> new RecordSettlementRefund(subscriptionId, process.refundApplicationId(),
                    process.applicationNumber(), process.netRefund());
            case RECORD_SETTLEMENT_STATUS -> new RecordSettlementStatus(subscriptionId, process.refundApplicationId(),
                    process.nextStatusToRecord().status(), process.nextStatusToRecord().amount());
            case PURGE_PERSONAL_DATA -> new PurgeSubscriptionPersonalData(subscriptionId);
            case DESTROY_KEY -> throw new IllegalStateException("handled above");
        };
        if (command == null) {
            return false;
        }
        commandGateway.sendAndWait(command, MetaData.with(MetadataKeys.CHANNEL, CHANNEL)
                        .and(MetadataKeys.ACTOR, SYSTEM_ACTOR)
                        .and(MetadataKeys.REQUEST_ID, "cancellation-process-" + claimToken),
                SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        store.markDispatched(due.dispatchKey(), now);
        log.info("Cancellation of {}: {} sent", subscriptionId, due.step());
        return true;
    }

    Duration backoff(int attempts) {
        Duration wait = settings.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }
}
