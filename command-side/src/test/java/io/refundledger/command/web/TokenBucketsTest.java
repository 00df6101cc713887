package io.refundledger.command.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketsTest {

    final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L); // nanoTime may wrap; so may this
    final TokenBuckets buckets = new TokenBuckets(2, 4, nanos::get);

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void allowsABurstThenTellsHowLongUntilTheNextToken() {
        for (int i = 0; i < 4; i++) {
            assertThat(buckets.take("agent")).isZero();
        }

        assertThat(buckets.take("agent")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refillsAtTheRateAcrossAWrappingTicker() {
        for (int i = 0; i < 4; i++) {
            buckets.take("agent");
        }
        advance(Duration.ofSeconds(1)); // past Long.MAX_VALUE

        assertThat(buckets.take("agent")).isZero();
        assertThat(buckets.take("agent")).isZero();
        assertThat(buckets.take("agent")).isPositive();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        advance(Duration.ofDays(1));
        for (int i = 0; i < 4; i++) {
            assertThat(buckets.take("agent")).isZero();
        }

        assertThat(buckets.take("agent")).isPositive();
    }

    @Test
    void keepsABucketPerKey() {
        for (int i = 0; i < 4; i++) {
            buckets.take("agent");
        }

        assertThat(buckets.take("reviewer")).isZero();
    }

    @Test
    void forgetsIdleCallersOnceThereAreManyKeys() {
        for (int i = 0; i <= TokenBuckets.SWEEP_ABOVE; i++) {
            buckets.take("address:" + i);
        }
        advance(Duration.ofSeconds(1)); // every bucket is full again: nothing to remember

        buckets.take("agent");

        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void refusesARateThatIsNoRate() {
        assertThatThrownBy(() -> new TokenBuckets(0, 4, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(Double.NaN, 4, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
