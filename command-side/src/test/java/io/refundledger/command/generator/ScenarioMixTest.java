package io.refundledger.command.generator;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioMixTest {

    @Test
    void countsFollowTheWeightsAndAddUp() {
        Map<RefundScenario, Integer> counts = ScenarioMix.counts(2000);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2000);
        int totalWeight = EnumSet.allOf(RefundScenario.class).stream().mapToInt(RefundScenario::weight).sum();
        // Within two of the exact share (one of each is set aside first, so small scenarios are never left out).
        counts.forEach((scenario, count) -> assertThat((double) count)
                .isCloseTo(2000.0 * scenario.weight() / totalWeight, org.assertj.core.data.Offset.offset(2.0)));
        assertThat(counts.get(RefundScenario.PAID_STRAIGHT)).isGreaterThan(counts.get(RefundScenario.POLICY_EXCEPTION) * 5);
    }

    @Test
    void smallHistoriesStillHaveEveryScenario() {
        Map<RefundScenario, Integer> counts = ScenarioMix.counts(RefundScenario.values().length);
        assertThat(counts).allSatisfy((scenario, count) -> assertThat(count).isEqualTo(1));
        assertThat(ScenarioMix.counts(25)).allSatisfy((scenario, count) -> assertThat(count).isPositive());
    }

    @Test
    void fewerApplicationsThanScenariosTakeTheHeaviest() {
        assertThat(ScenarioMix.plan(1, 42)).containsExactly(RefundScenario.PAID_STRAIGHT);
        assertThat(ScenarioMix.plan(0, 42)).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        List<RefundScenario> first = ScenarioMix.plan(100, 42);
        assertThat(ScenarioMix.plan(100, 42)).isEqualTo(first);
        assertThat(ScenarioMix.plan(100, 43)).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(first);
    }
}
