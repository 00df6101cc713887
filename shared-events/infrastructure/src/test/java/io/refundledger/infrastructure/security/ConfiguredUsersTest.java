package io.refundledger.infrastructure.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredUsersTest {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private static LedgerSecurityProperties.User user(String name, String hash, LedgerRole... roles) {
        return new LedgerSecurityProperties.User(name, hash, Set.of(roles));
    }

    @Test
    void loadsUsersWithTheirBcryptHashAndRoles() {
        String hash = BCRYPT.encode("reviewer-demo");

        InMemoryUserDetailsManager users = ConfiguredUsers.from(List.of(
                user("reviewer", hash, LedgerRole.REVIEWER, LedgerRole.ADMIN),
                user("finance", "{bcrypt}" + BCRYPT.encode("finance-demo"), LedgerRole.FINANCE)));

        UserDetails reviewer = users.loadUserByUsername("reviewer");
        assertThat(BCRYPT.matches("reviewer-demo", reviewer.getPassword())).isTrue();
        assertThat(reviewer.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_REVIEWER", "ROLE_ADMIN");
        assertThat(BCRYPT.matches("finance-demo", users.loadUserByUsername("finance").getPassword())).isTrue();
    }

    @Test
    void refusesAPlaintextPasswordWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConfiguredUsers.from(List.of(user("agent", "agent-demo", LedgerRole.CUSTOMER_SERVICE))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agent")
                .hasMessageNotContaining("agent-demo");
        assertThatThrownBy(() -> ConfiguredUsers.from(List.of(user("agent", "{noop}agent-demo", LedgerRole.CUSTOMER_SERVICE))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConfiguredUsers.from(List.of(user("agent", null, LedgerRole.CUSTOMER_SERVICE))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAUserWithoutRolesOrConfiguredTwice() {
        String hash = BCRYPT.encode("x");
        assertThatThrownBy(() -> ConfiguredUsers.from(List.of(user("nobody", hash))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no roles");
        assertThatThrownBy(() -> ConfiguredUsers.from(List.of(user("agent", hash, LedgerRole.CUSTOMER_SERVICE),
                user("agent", hash, LedgerRole.ADMIN))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }
}
