package io.refundledger.command.web;

/**
 * Elapsed time for the rate limit, in nanoseconds from an arbitrary origin. Not the ledger's {@link java.time.Clock}:
 * that one may be pinned or simulated (tests, the history generator), while throttling must follow real time;
 * tests replace this bean with a ticker they move by hand.
 */
@FunctionalInterface
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
