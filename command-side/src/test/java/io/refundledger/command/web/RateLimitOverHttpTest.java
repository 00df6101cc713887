package io.refundledger.command.web;

import io.refundledger.command.testing.CommandSideSpringTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.refundledger.command.testing.DemoUsers.REVIEWER;
import static io.refundledger.command.testing.DemoUsers.REVIEWER2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user rate limit: a bucket of 3 requests refilled at 1 per second, on a ticker the test moves by hand
 * (no wall clock). Requests are approvals of applications that do not exist: allowed ones get 404, and none
 * stores anything.
 */
@TestPropertySource(properties = {"ledger.limits.rate.requests-per-second=1", "ledger.limits.rate.burst=3"})
@Import(RateLimitOverHttpTest.HandMovedTicker.class)
class RateLimitOverHttpTest extends CommandSideSpringTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class HandMovedTicker {
        static final AtomicLong NANOS = new AtomicLong();

        @Bean
        @Primary
        Ticker handMovedTicker() {
            return NANOS::get;
        }
    }

    @Autowired
    Ticker ticker;

    static void advance(Duration duration) {
        HandMovedTicker.NANOS.addAndGet(duration.toNanos());
    }

    @BeforeEach
    void everyBucketIsFullAgain() {
        advance(Duration.ofHours(1));
    }

    Response approveSomethingAs(String user) {
        return as(user).post("/api/refunds/" + UUID.randomUUID() + "/approve", "{}");
    }

    @Test
    void theRateLimitRunsOnTheInjectedTicker() {
        assertThat(ticker.nanos()).isEqualTo(HandMovedTicker.NANOS.get());
    }

    @Test
    void refusesTheRequestAfterABurstWith429AndRetryAfterAndStoresNothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(approveSomethingAs(REVIEWER).status()).isEqualTo(404);
        }
        long commitsBefore = eventLog().commitCount();

        Response refused = approveSomethingAs(REVIEWER);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("status").asInt()).isEqualTo(429);
        assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(eventLog().commitCount()).isEqualTo(commitsBefore);
    }

    @Test
    void allowsTheCallerAgainOnceTheBucketHasRefilled() {
        for (int i = 0; i < 3; i++) {
            approveSomethingAs(REVIEWER);
        }
        assertThat(approveSomethingAs(REVIEWER).status()).isEqualTo(429);

        advance(Duration.ofMillis(999));
        assertThat(approveSomethingAs(REVIEWER).status()).as("not yet a whole token").isEqualTo(429);
        advance(Duration.ofMillis(1));
        assertThat(approveSomethingAs(REVIEWER).status()).as("one token back").isEqualTo(404);
        assertThat(approveSomethingAs(REVIEWER).status()).as("and only one").isEqualTo(429);
    }

    @Test
    void tellsHowLongUntilTheNextTokenInWholeSecondsRoundedUp() {
        for (int i = 0; i < 3; i++) {
            approveSomethingAs(REVIEWER);
        }
        advance(Duration.ofMillis(100));

        assertThat(approveSomethingAs(REVIEWER).header("Retry-After")).isEqualTo("1");
    }

    @Test
    void countsEachUserOnTheirOwn() {
        for (int i = 0; i < 3; i++) {
            approveSomethingAs(REVIEWER);
        }
        assertThat(approveSomethingAs(REVIEWER).status()).isEqualTo(429);

        assertThat(approveSomethingAs(REVIEWER2).status()).isEqualTo(404);
    }

    @Test
    void countsCallersWithoutAnAccountByAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/actuator/health").status()).isEqualTo(200);
        }

        Response refused = get("/actuator/health");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
    }
}
