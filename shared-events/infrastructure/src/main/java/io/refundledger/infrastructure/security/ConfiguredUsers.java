package io.refundledger.infrastructure.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The accounts of basic mode, from configuration. Refuses to start on anything but a bcrypt hash, so a
 * plaintext password in a config file is caught at start-up instead of silently working.
 */
public final class ConfiguredUsers {

    /** {@code $2a$10$} followed by 53 characters of bcrypt's base64 (22 salt + 31 hash). */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final String BCRYPT_ID = "{bcrypt}";

    private ConfiguredUsers() {
    }

    public static InMemoryUserDetailsManager from(List<LedgerSecurityProperties.User> users) {
        Set<String> seen = new HashSet<>();
        List<UserDetails> details = users.stream().map(user -> {
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException("ledger.security.users: every user needs a username");
            }
            if (!seen.add(user.username())) {
                throw new IllegalStateException("ledger.security.users: " + user.username() + " is configured twice");
            }
            if (user.roles().isEmpty()) {
                throw new IllegalStateException("ledger.security.users: " + user.username() + " has no roles");
            }
            return User.withUsername(user.username())
                    .password(bcrypt(user))
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                    .build();
        }).toList();
        return new InMemoryUserDetailsManager(details);
    }

    private static String bcrypt(LedgerSecurityProperties.User user) {
        String hash = user.passwordHash() == null ? "" : user.passwordHash().strip();
        if (hash.startsWith(BCRYPT_ID)) {
            hash = hash.substring(BCRYPT_ID.length());
        }
        if (!BCRYPT.matcher(hash).matches()) {
            // Never echo the value: it might be a plaintext password.
            throw new IllegalStateException("ledger.security.users: the password-hash of " + user.username()
                    + " is not a bcrypt hash");
        }
        return hash;
    }
}
