package io.refundledger.command.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which scenario each of {@code n} applications follows: counts in proportion to the weights (largest remainder),
 * every scenario at least once when there are enough applications, in an order shuffled by the seed. Drawing each
 * independently would leave small histories without some scenarios, and the dashboards of a small demo would miss
 * whole features. Pure.
 */
public final class ScenarioMix {

    private ScenarioMix() {
    }

    public static List<RefundScenario> plan(int applications, long seed) {
        Map<RefundScenario, Integer> counts = counts(applications);
        List<RefundScenario> order = new ArrayList<>(applications);
        counts.forEach((scenario, count) -> order.addAll(Collections.nCopies(count, scenario)));
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    static Map<RefundScenario, Integer> counts(int applications) {
        RefundScenario[] scenarios = RefundScenario.values();
        int totalWeight = 0;
        for (RefundScenario scenario : scenarios) {
            totalWeight += scenario.weight();
        }
        boolean everyOne = applications >= scenarios.length;
        int rest = applications - (everyOne ? scenarios.length : 0);
        Map<RefundScenario, Integer> counts = new EnumMap<>(RefundScenario.class);
        Map<RefundScenario, Double> remainders = new EnumMap<>(RefundScenario.class);
        int assigned = 0;
        for (RefundScenario scenario : scenarios) {
            double exact = (double) rest * scenario.weight() / totalWeight;
            int whole = (int) Math.floor(exact);
            counts.put(scenario, whole + (everyOne ? 1 : 0));
            remainders.put(scenario, exact - whole);
            assigned += whole;
        }
        // Ties go to the heavier scenario, then to the one declared first: the same counts on every run.
        List<RefundScenario> byRemainder = new ArrayList<>(List.of(scenarios));
        byRemainder.sort(Comparator.comparing((RefundScenario s) -> remainders.get(s)).reversed()
                .thenComparing(Comparator.comparingInt(RefundScenario::weight).reversed())
                .thenComparing(Enum::ordinal));
        for (int i = 0; assigned < rest; i++, assigned++) {
            RefundScenario scenario = byRemainder.get(i);
            counts.merge(scenario, 1, Integer::sum);
        }
        return counts;
    }
}
