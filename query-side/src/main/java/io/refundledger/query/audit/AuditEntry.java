package io.refundledger.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of an aggregate's history as an auditor reads it: where it sits in the log, what it says (the
 * payload as stored), who caused it through which request and channel, and what it means in plain words.
 * Metadata an event does not carry (e.g. no actor for the system) is null.
 *
 * @param payloadType     the event's class name, as stored; with {@code payload} enough to rebuild the event
 * @param correlationId   the request's trace, shared by everything it caused (Axon's {@code traceId})
 * @param causationId     the message that directly caused this event (Axon's {@code correlationId})
 * @param policyVersion   the refund policy version in force: from the metadata, or the evaluation itself
 */
public record AuditEntry(
        long globalPosition,
        String aggregateId,
        String aggregateType,
        long sequence,
        Instant timestamp,
        String eventType,
        String payloadType,
        String payloadRevision,
        Map<String, Object> payload,
        String actor,
        List<String> actorRoles,
        String requestId,
        String correlationId,
        String causationId,
        String channel,
        String idempotencyKey,
        String policyVersion,
        Description description) {

    public AuditEntry {
        payload = payload == null ? Map.of() : payload;
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }
}
