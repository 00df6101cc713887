package io.refundledger.command.common;

import io.refundledger.command.web.IdempotencyKeyFilter;
import io.refundledger.command.web.RequestIdFilter;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.command.web.CustomerChannelFilter;
import io.refundledger.infrastructure.security.AuthenticatedActor;
import io.refundledger.infrastructure.web.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Stamps every command dispatched while serving an HTTP request with who sent it: {@code actor} and
 * {@code actorRoles} from the authenticated principal (replacing whatever the command carried, so no caller
 * can claim to be someone else), and the request's {@code idempotencyKey}, {@code requestId} and
 * {@code channel} when the dispatcher did not set them, and the customer's channel from the
 * {@code X-Customer-Channel} header, checked by {@link CustomerChannelFilter}. Commands dispatched outside a request (schedulers,
 * process managers) pass unchanged: they name their own origin, or inherit it from the event they react to.
 *
 * <p>Registered on the command bus, so commands sent through the gateway and straight to the bus both get it.
 */
public class CommandOriginInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        // Read on the dispatching thread: that is where the security context and the request live.
        Optional<AuthenticatedActor> actor = AuthenticatedActor.current();
        Optional<HttpServletRequest> request = currentRequest();
        if (request.map(r -> r.getAttribute(IdempotencyKeyFilter.UNCHECKED)).isPresent()) {
            throw new DatabaseUnavailable.Unavailable("The database cannot be reached, so this request's "
                    + IdempotencyKeyFilter.HEADER + " cannot be checked; nothing was changed. Retry with the same key shortly.");
        }
        return (index, command) -> {
            Map<String, Object> origin = new HashMap<>();
            actor.ifPresent(a -> {
                origin.put(MetadataKeys.ACTOR, a.username());
                origin.put(MetadataKeys.ACTOR_ROLES, a.rolesAsText());
            });
            request.ifPresent(r -> {
                putIfAbsent(origin, command, MetadataKeys.IDEMPOTENCY_KEY, r.getAttribute(IdempotencyKeyFilter.ATTRIBUTE));
                putIfAbsent(origin, command, MetadataKeys.REQUEST_ID, r.getAttribute(RequestIdFilter.ATTRIBUTE));
                putIfAbsent(origin, command, MetadataKeys.CHANNEL, CommandMetadata.HTTP);
                putIfAbsent(origin, command, MetadataKeys.CUSTOMER_CHANNEL, r.getAttribute(CustomerChannelFilter.ATTRIBUTE));
            });
            return origin.isEmpty() ? command : command.andMetaData(origin);
        };
    }

    private static void putIfAbsent(Map<String, Object> origin, CommandMessage<?> command, String key, Object value) {
        if (value != null && !command.getMetaData().containsKey(key)) {
            origin.put(key, value.toString());
        }
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? Optional.of(servlet.getRequest())
                : Optional.empty();
    }
}
