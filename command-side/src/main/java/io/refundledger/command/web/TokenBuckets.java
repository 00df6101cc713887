package io.refundledger.command.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per key: {@code burst} tokens to start with, refilled at {@code perSecond}; a request takes one.
 * In memory, so each instance counts on its own.
 */
public final class TokenBuckets {

    /** Beyond this many keys, buckets that are full again (idle callers) are dropped; a full bucket is no state. */
    static final int SWEEP_ABOVE = 10_000;
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perNano;
    private final int burst;
    private final Ticker ticker;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, int burst, Ticker ticker) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.ticker = ticker;
    }

    /** Takes a token for {@code key}: {@link Duration#ZERO} when there was one, else how long until there is. */
    public Duration take(String key) {
        long now = ticker.nanos();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    int size() {
        return buckets.size();
    }

    private final class Bucket {

        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized Duration take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            long elapsed = now - last; // nanoTime may overflow; differences stay right
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
                last = now;
            }
        }
    }
}
