package io.refundledger.command.web;

import io.refundledger.infrastructure.security.AuthenticatedActor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Ids for the aggregates a request creates. With an {@code Idempotency-Key}, the id is derived from the user and the
 * key, so running the same request twice can only ever address the same aggregate: if the instance that ran it first
 * died before recording the answer, the run that takes the key over finds the aggregate already there instead of
 * creating a second one (the event store's unique aggregate sequence refuses a second creation even when both run at
 * once). Without a key, a random id, as before.
 */
@Component
public class CreationIds {

    /** A new id for an aggregate of this kind ("refund-application", "subscription"). */
    public String newId(String kind) {
        return derived(kind).orElseGet(() -> UUID.randomUUID().toString());
    }

    /** The id derived from this request's user and idempotency key, when it has both. */
    public Optional<String> derived(String kind) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object key = request == null ? null : request.getAttribute(IdempotencyKeyFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Optional<String> user = AuthenticatedActor.current().map(AuthenticatedActor::username);
        if (!(key instanceof String idempotencyKey) || user.isEmpty()) {
            return Optional.empty();
        }
        // Name-based (type 3) UUID: the same user, key and kind always give the same id, and nothing else does.
        return Optional.of(UUID.nameUUIDFromBytes((kind + "\n" + user.get() + "\n" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }
}
