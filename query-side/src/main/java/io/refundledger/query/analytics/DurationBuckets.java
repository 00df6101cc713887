package io.refundledger.query.analytics;

/**
 * Log-scale buckets for durations in whole seconds, so a percentile over any number of durations is kept in a
 * few hundred counters at most. Bucket {@code i ≥ 0} holds the durations {@code d} with
 * {@code γ^(i-1) < d ≤ γ^i}, {@code γ = 1.02} (that is {@code i = ⌈ln d / ln γ⌉}); bucket {@code -1} holds 0.
 * A bucket is read back as {@code 2γ^i / (γ+1)}, which is within {@value #RELATIVE_ERROR_PERCENT} % of every
 * duration in it. A year needs fewer than 900 buckets.
 */
public final class DurationBuckets {

    public static final double GAMMA = 1.02;
    /** (γ − 1) / (γ + 1) ≈ 0.0099, rounded up. */
    public static final double RELATIVE_ERROR_PERCENT = 1.0;
    private static final int ZERO = -1;
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private DurationBuckets() {
    }

    public static int bucketOf(long seconds) {
        if (seconds <= 0) {
            return ZERO;
        }
        return (int) Math.ceil(Math.log(seconds) / LOG_GAMMA);
    }

    /** What a bucket stands for, in whole seconds. */
    public static long secondsOf(int bucket) {
        if (bucket == ZERO) {
            return 0;
        }
        return Math.round(2 * Math.pow(GAMMA, bucket) / (GAMMA + 1));
    }
}
