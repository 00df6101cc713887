package io.refundledger.command.notification;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts: the initial wait after the first failure, doubled after each
 * further one, never more than the maximum.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must not be shorter than the initial backoff");
        }
    }

    /** The wait after {@code failedAttempts} failures (1 = the first attempt failed). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no failure, no backoff");
        }
        Duration delay = initial;
        for (int i = 1; i < failedAttempts; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(max) >= 0) {
                return max;
            }
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
