package io.refundledger.query.audit;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.SubscriptionStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes every event of every aggregate into its {@code audit_history} document, with the metadata that says who
 * did it and through which request, and a plain-language description. Personal data in subscription events is
 * ciphertext (see {@code EncryptedPersonalData}) and is stored as such: nothing here decrypts it, so erasing the
 * subscription's key erases it from the history too, without touching a stored document. It handles every event type, including
 * ones this build has no class for (they are recorded with a generic description).
 *
 * <p>Idempotent by global position: an entry at or below the aggregate's last recorded position is not
 * appended again, so a redelivered batch changes nothing. The customer index is written before the first
 * entry: a crash in between leaves no entry, so the redelivery repeats the (idempotent) index write.
 */
@Component
@ProcessingGroup(AuditHistoryProjection.PROCESSING_GROUP)
public class AuditHistoryProjection {

    public static final String PROCESSING_GROUP = "audit-history";
    /** Axon's correlation data: the root of a chain of messages, and the message that caused this one. */
    static final String AXON_TRACE_ID = "traceId";
    static final String AXON_CORRELATION_ID = "correlationId";

    private static final Logger log = LoggerFactory.getLogger(AuditHistoryProjection.class);

    private final AuditHistoryStore store;

    public AuditHistoryProjection(AuditHistoryStore store) {
        this.store = store;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            return; // every event here belongs to an aggregate; anything else has no history to join
        }
        long position = token.position().orElseThrow(() -> new IllegalStateException(
                "The " + PROCESSING_GROUP + " projection needs tracking tokens with a position, got " + token));
        if (payload instanceof RefundApplicationSubmitted submitted) {
            store.indexUnderCustomer(submitted.customerId(), submitted.applicationId());
        } else if (payload instanceof SubscriptionStarted started) {
            store.indexSubscriptionUnderCustomer(started.customerId(), started.subscriptionId());
        }
        boolean appended = store.append(entryOf(payload, domainEvent, position));
        if (!appended) {
            log.debug("Position {} already in the history of {}", position, domainEvent.getAggregateIdentifier());
        }
    }

    @ResetHandler
    void onReset() {
        store.deleteAll();
    }

    static AuditEntry entryOf(Object payload, DomainEventMessage<?> message, long position) {
        MetaData metaData = message.getMetaData();
        String actor = text(metaData, MetadataKeys.ACTOR);
        String eventType;
        String payloadType;
        String revision;
        Map<String, Object> document;
        Description description;
        if (payload instanceof UnknownSerializedType unknown) {
            payloadType = unknown.serializedType().getName();
            revision = unknown.serializedType().getRevision();
            eventType = simpleName(payloadType);
            document = unknownPayload(unknown);
            description = EventDescriptions.unknown(eventType, actor);
        } else {
            payloadType = payload.getClass().getName();
            revision = StoredPayloads.revisionOf(payload.getClass());
            eventType = payload.getClass().getSimpleName();
            document = StoredPayloads.toDocument(payload);
            description = EventDescriptions.describe(payload, actor);
        }
        String policyVersion = text(metaData, MetadataKeys.POLICY_VERSION);
        if (policyVersion == null && payload instanceof RefundPolicyEvaluated evaluated) {
            policyVersion = evaluated.policyVersion();
        } else if (policyVersion == null && payload instanceof CancellationSettlementCalculated settlement) {
            policyVersion = settlement.policyVersion();
        }
        return new AuditEntry(position, message.getAggregateIdentifier(), message.getType(), message.getSequenceNumber(),
                message.getTimestamp(), eventType, payloadType, revision, document, actor,
                roles(text(metaData, MetadataKeys.ACTOR_ROLES)), text(metaData, MetadataKeys.REQUEST_ID),
                text(metaData, AXON_TRACE_ID), text(metaData, AXON_CORRELATION_ID), text(metaData, MetadataKeys.CHANNEL),
                text(metaData, MetadataKeys.IDEMPOTENCY_KEY), policyVersion, description);
    }

    private static Map<String, Object> unknownPayload(UnknownSerializedType unknown) {
        try {
            return StoredPayloads.parse(unknown.readData(String.class));
        } catch (RuntimeException e) {
            return Map.of(); // the entry still records that the event happened, who caused it and when
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static List<String> roles(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
    }

    private static String text(MetaData metaData, String key) {
        return Objects.toString(metaData.get(key), null);
    }
}
