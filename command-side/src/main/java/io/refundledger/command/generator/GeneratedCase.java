package io.refundledger.command.generator;

import java.time.Instant;
import java.util.Optional;

/** One aggregate's generated history, step by step: a refund application or a subscription. */
public interface GeneratedCase {

    /** The aggregate's id. */
    String id();

    /** The scenario it follows, for reports. */
    String scenarioName();

    /** Where it stood after the last step taken, for reports. */
    String stateName();

    /** Its first step, which creates the aggregate. */
    Move first();

    /**
     * Its next step.
     *
     * @param previous when the previous step happened
     * @param answer   what the command handler answered the previous step with
     * @return nothing when its course is complete
     */
    Optional<Move> next(Instant previous, Object answer);
}
