package io.refundledger.infrastructure.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a verified JWT as one of our users: the name from the configured claim (default {@code sub}), the
 * roles from the configured claim (default {@code roles}), either a JSON array or a space/comma-separated
 * string, with or without the {@code ROLE_} prefix. Names that are not ledger roles grant nothing.
 */
public class JwtRolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final LedgerSecurityProperties.Jwt claims;

    public JwtRolesConverter(LedgerSecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString(claims.usernameClaim());
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        if (username == null || username.isBlank()) {
            // Every change is recorded with its actor; a token that names nobody cannot act.
            throw new InvalidBearerTokenException("The token names no user (claim " + claims.usernameClaim() + ").");
        }
        List<GrantedAuthority> authorities = rolesOf(jwt.getClaims().get(claims.rolesClaim())).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, username);
    }

    static Set<LedgerRole> rolesOf(Object claim) {
        Set<LedgerRole> roles = EnumSet.noneOf(LedgerRole.class);
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> LedgerRole.parse(String.valueOf(value)).ifPresent(roles::add));
        } else if (claim instanceof String text) {
            for (String value : text.split("[\\s,]+")) {
                LedgerRole.parse(value).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
