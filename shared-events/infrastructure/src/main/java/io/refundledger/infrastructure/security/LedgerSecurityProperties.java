package io.refundledger.infrastructure.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * How callers authenticate ({@code ledger.security.*}).
 *
 * <ul>
 *   <li>{@code mode=basic} (the default): HTTP Basic against the {@code users} configured here, each with a
 *       bcrypt hash of the password (never the password itself).</li>
 *   <li>{@code mode=jwt}: an OAuth2 resource server. The token is checked with Spring's standard
 *       {@code spring.security.oauth2.resourceserver.jwt.*} settings (issuer-uri, jwk-set-uri or
 *       public-key-location); the user name and roles come from the claims named under {@code jwt}. The
 *       {@code users} list is ignored.</li>
 * </ul>
 *
 * @param mode  basic or jwt
 * @param users the accounts known in basic mode
 * @param jwt   which token claims name the user and the roles in jwt mode
 */
@ConfigurationProperties(prefix = "ledger.security")
public record LedgerSecurityProperties(Mode mode, List<User> users, Jwt jwt) {

    public enum Mode { BASIC, JWT }

    public LedgerSecurityProperties {
        mode = mode == null ? Mode.BASIC : mode;
        users = users == null ? List.of() : List.copyOf(users);
        jwt = jwt == null ? new Jwt(null, null) : jwt;
    }

    /**
     * One account for basic mode.
     *
     * @param username     the login name, recorded as {@code actor} on everything the user does
     * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…}, {@code $2y$…}, optionally prefixed {@code {bcrypt}})
     * @param roles        what the user may do
     */
    public record User(String username, String passwordHash, Set<LedgerRole> roles) {
        public User {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /**
     * @param usernameClaim the claim holding the user name (default {@code sub})
     * @param rolesClaim    the claim holding the roles, a list or a space/comma separated string (default {@code roles})
     */
    public record Jwt(String usernameClaim, String rolesClaim) {
        public Jwt {
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "sub" : usernameClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }
    }
}
