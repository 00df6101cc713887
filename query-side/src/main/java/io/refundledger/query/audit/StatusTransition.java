package io.refundledger.query.audit;

import io.refundledger.events.refund.RefundStatus;

import java.time.Instant;
import java.util.List;

/** One change of an application's status, with the event, the person and the moment that caused it. */
public record StatusTransition(long globalPosition, Instant at, RefundStatus from, RefundStatus to, String eventType,
                               String actor, List<String> actorRoles) {

    public StatusTransition {
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }
}
