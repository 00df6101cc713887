package io.refundledger.infrastructure.security;

import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One app's table of who may call what, declared as a bean by each app and applied by
 * {@link LedgerSecurityConfiguration} in the order given. Patterns are Spring path patterns
 * ({@code /api/refunds/*}{@code /approve}, {@code /api/finance/**}). They are matched before routing, so a
 * rule protects its path whether or not a controller serves it yet. Health and API docs are public on every
 * app; anything not in the table is denied.
 */
public final class AccessRules {

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * @param method the HTTP method, or {@code null} for every method
     * @param roles  any one of them grants access
     */
    public record Rule(HttpMethod method, String pattern, Set<LedgerRole> roles) {
        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("a rule for " + method + " " + pattern + " needs at least one role");
            }
            roles = Set.copyOf(EnumSet.copyOf(roles));
        }

        String[] roleNames() {
            return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
        }
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        public Builder get(String pattern, LedgerRole... roles) {
            return allow(HttpMethod.GET, pattern, roles);
        }

        public Builder post(String pattern, LedgerRole... roles) {
            return allow(HttpMethod.POST, pattern, roles);
        }

        /** Every HTTP method on the path. */
        public Builder any(String pattern, LedgerRole... roles) {
            return allow(null, pattern, roles);
        }

        public Builder allow(HttpMethod method, String pattern, LedgerRole... roles) {
            rules.add(new Rule(method, pattern, Set.of(roles)));
            return this;
        }

        public AccessRules build() {
            return new AccessRules(rules);
        }
    }
}
