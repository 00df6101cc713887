package io.refundledger.command.common;

import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.Objects;

/**
 * Who or what asked for a command, carried as command metadata and copied into every resulting event by
 * {@link CommandMetadataConfiguration}.
 *
 * <p>The acting user and their roles ({@code actor}, {@code actorRoles}) and the request's idempotency key are
 * added to every command by {@link CommandOriginInterceptor} from the security context and the request, never
 * from the request body; dispatchers need not set them.
 *
 * @param requestId the caller's request id (header {@code X-Request-Id}) or one made up for the request
 * @param channel   how the command arrived, e.g. {@code http}
 */
public record CommandMetadata(String requestId, String channel) {

    public static final String REQUEST_ID = "requestId";
    public static final String CHANNEL = "channel";
    public static final String HTTP = "http";

    public CommandMetadata {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(channel, "channel");
    }

    public static CommandMetadata http(String requestId) {
        return new CommandMetadata(requestId, HTTP);
    }

    public MetaData asMetaData() {
        return MetaData.from(Map.of(REQUEST_ID, requestId, CHANNEL, channel));
    }
}
