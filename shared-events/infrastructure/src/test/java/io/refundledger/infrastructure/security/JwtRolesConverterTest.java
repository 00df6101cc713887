package io.refundledger.infrastructure.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtRolesConverterTest {

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.parse("2026-11-23T00:00:00Z")).expiresAt(Instant.parse("2026-11-23T01:00:00Z"));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static List<String> authorities(AbstractAuthenticationToken token) {
        return token.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void readsTheSubjectAndAListOfRoles() {
        AbstractAuthenticationToken token = new JwtRolesConverter(new LedgerSecurityProperties.Jwt(null, null))
                .convert(jwt(Map.of("sub", "li.wei", "roles", List.of("REVIEWER", "ROLE_FINANCE"))));

        assertThat(token.getName()).isEqualTo("li.wei");
        assertThat(authorities(token)).containsExactlyInAnyOrder("ROLE_REVIEWER", "ROLE_FINANCE");
    }

    @Test
    void readsConfiguredClaimsAndRolesAsText() {
        AbstractAuthenticationToken token = new JwtRolesConverter(new LedgerSecurityProperties.Jwt("preferred_username", "groups"))
                .convert(jwt(Map.of("sub", "0f3a", "preferred_username", "zhang.min", "groups", "AUDITOR, ADMIN")));

        assertThat(token.getName()).isEqualTo("zhang.min");
        assertThat(authorities(token)).containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_ADMIN");
    }

    @Test
    void namesThatAreNoLedgerRoleGrantNothing() {
        AbstractAuthenticationToken token = new JwtRolesConverter(new LedgerSecurityProperties.Jwt(null, null))
                .convert(jwt(Map.of("sub", "x", "roles", List.of("SUPERUSER", "reviewer", "ROLE_"))));

        assertThat(authorities(token)).isEmpty();
        assertThat(AuthenticatedActor.of(token).orElseThrow().rolesAsText()).isEmpty();
    }

    @Test
    void aTokenNamingNoUserIsRefused() {
        assertThatThrownBy(() -> new JwtRolesConverter(new LedgerSecurityProperties.Jwt(null, null))
                .convert(jwt(Map.of("roles", List.of("ADMIN")))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void noRolesClaimMeansNoRoles() {
        assertThat(authorities(new JwtRolesConverter(new LedgerSecurityProperties.Jwt(null, null))
                .convert(jwt(Map.of("sub", "x"))))).isEmpty();
    }
}
