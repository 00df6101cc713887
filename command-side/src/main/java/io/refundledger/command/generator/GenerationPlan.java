package io.refundledger.command.generator;

import java.time.Duration;
import java.time.Instant;

/**
 * What to generate: how many refund applications and subscriptions, from which seed, over which (simulated) period.
 * Steps that would happen after {@code to} are not taken: those cases are still open, as some always are.
 */
public record GenerationPlan(int applications, int subscriptions, long seed, Instant from, Instant to,
                             Duration escalationSweep) {

    public GenerationPlan {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
    }
}
