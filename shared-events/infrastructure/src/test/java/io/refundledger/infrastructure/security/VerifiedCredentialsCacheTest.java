package io.refundledger.infrastructure.security;

import io.refundledger.infrastructure.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A matching password is checked by bcrypt once a minute at most; anything else always goes to bcrypt. */
class VerifiedCredentialsCacheTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(counting, Duration.ofMinutes(1), clock);
    private final String hash = bcrypt.encode("reviewer-demo");

    @Test
    void aMatchingPasswordIsCheckedByBcryptOnlyOnceWithinTheTtl() {
        assertThat(cache.matches("reviewer-demo", hash)).isTrue();
        assertThat(cache.matches("reviewer-demo", hash)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.matches("reviewer-demo", hash)).isTrue();

        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedInFullAndNeverRemembered() {
        assertThat(cache.matches("reviewer-demo", hash)).isTrue();

        assertThat(cache.matches("reviewer-dem0", hash)).isFalse();
        assertThat(cache.matches("reviewer-dem0", hash)).isFalse();

        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aRememberedCheckExpires() {
        cache.matches("reviewer-demo", hash);
        clock.advance(Duration.ofMinutes(1));

        assertThat(cache.matches("reviewer-demo", hash)).isTrue();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aChangedHashIsNeverSatisfiedByAnEarlierCheck() {
        cache.matches("reviewer-demo", hash);
        String newHash = bcrypt.encode("new-secret");

        assertThat(cache.matches("reviewer-demo", newHash)).isFalse();
        assertThat(bcryptChecks).hasValue(2);
    }
}
