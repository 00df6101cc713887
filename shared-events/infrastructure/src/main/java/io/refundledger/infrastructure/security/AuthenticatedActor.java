package io.refundledger.infrastructure.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authenticated user behind the current request: the name and roles that go into command and event
 * metadata ({@code actor}, {@code actorRoles}). Always taken from the security context, never from a body.
 *
 * @param username the authenticated principal's name
 * @param roles    the ledger roles the user holds
 */
public record AuthenticatedActor(String username, Set<LedgerRole> roles) {

    public AuthenticatedActor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The user of the current thread's request, if it is authenticated (anonymous is not). */
    public static Optional<AuthenticatedActor> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<AuthenticatedActor> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Set<LedgerRole> roles = EnumSet.noneOf(LedgerRole.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            LedgerRole.parse(authority.getAuthority()).ifPresent(roles::add);
        }
        return Optional.of(new AuthenticatedActor(authentication.getName(), roles));
    }

    /** The roles as stored in metadata: bare names, comma-separated, in a fixed order, e.g. {@code REVIEWER,ADMIN}. */
    public String rolesAsText() {
        return Arrays.stream(LedgerRole.values()).filter(roles::contains).map(Enum::name)
                .collect(Collectors.joining(","));
    }

    public List<String> roleNames() {
        return Arrays.stream(LedgerRole.values()).filter(roles::contains).map(Enum::name).toList();
    }
}
