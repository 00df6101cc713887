package io.refundledger.command.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the generated subscriptions: half of them running contracts entered at the start of the period (so their
 * terms end, renew and give notice within it), half started during its first two thirds.
 */
public final class SubscriptionCases {

    private final ZoneId businessZone;

    public SubscriptionCases(ZoneId businessZone) {
        this.businessZone = businessZone;
    }

    public List<GeneratedCase> plan(GenerationPlan plan, String runTag, SplittableRandom random) {
        WorkingHours hours = new WorkingHours(businessZone);
        List<GeneratedCase> cases = new ArrayList<>();
        long span = Duration.between(plan.from(), plan.to()).toSeconds();
        for (int i = 0; i < plan.subscriptions(); i++) {
            long seed = random.nextLong();
            java.util.Random draws = new java.util.Random(seed);
            boolean migrated = draws.nextBoolean();
            Instant wanted = migrated
                    ? plan.from().plus(Duration.ofMinutes(draws.nextInt(24 * 60)))
                    : plan.from().plusSeconds((long) (draws.nextDouble() * span * 2 / 3));
            Instant startAt = hours.next(wanted, Staff.AGENT, draws);
            cases.add(new SubscriptionCase(SubscriptionScenario.draw(draws), draws.nextLong(), startAt, migrated, runTag,
                    i + 1, businessZone));
        }
        return cases;
    }
}
