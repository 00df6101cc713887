package io.refundledger.command.refund;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.axonframework.messaging.MetaData;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The acting user of a command, as the security layer put it into the metadata ({@link MetadataKeys#ACTOR},
 * {@link MetadataKeys#ACTOR_ROLES}); never taken from a request body.
 *
 * @param name  the username, or {@code null} when the command carries none
 * @param roles the roles, or {@code null} when the command carries none (unknown, not "no roles")
 */
public record Actor(String name, Set<String> roles) {

    public static final String REVIEWER = "REVIEWER";
    public static final String FINANCE = "FINANCE";

    public static Actor of(String name, String rolesCsv) {
        Set<String> roles = rolesCsv == null ? null : Arrays.stream(rolesCsv.split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Actor(name == null || name.isBlank() ? null : name.strip(), roles);
    }

    public boolean isKnown() {
        return name != null;
    }

    /** Approvals need a name: four-eyes cannot be shown for an anonymous approver. */
    public String requireName() {
        if (!isKnown()) {
            throw new DomainException("APPROVER_UNKNOWN", ErrorKind.FORBIDDEN, null,
                    "An approval needs an authenticated approver");
        }
        return name;
    }

    /**
     * Refuses an actor whose roles are known and lack {@code role}. Who may call which endpoint is the web
     * layer's job; this only refines it where the right role depends on the application's state (a reviewer
     * rejects at review, finance at the second approval). Unknown roles (internal senders) pass.
     */
    public void requireRoleIfKnown(String role, String code, String message) {
        if (roles != null && !roles.contains(role)) {
            throw new DomainException(code, ErrorKind.FORBIDDEN, null, message);
        }
    }

    public boolean is(String otherName) {
        return name != null && name.equals(otherName);
    }

    /** Metadata naming this actor, for the events where who acted is part of the rule (approvals, submissions). */
    public MetaData asMetaData() {
        MetaData metaData = MetaData.emptyInstance();
        if (name != null) {
            metaData = metaData.and(MetadataKeys.ACTOR, name);
        }
        if (roles != null) {
            metaData = metaData.and(MetadataKeys.ACTOR_ROLES, String.join(",", roles.stream().sorted().toList()));
        }
        return metaData;
    }
}
