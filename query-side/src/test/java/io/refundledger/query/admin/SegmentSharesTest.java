package io.refundledger.query.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which segments an instance gives away, from what it holds, the processor's segments and the live instances. */
class SegmentSharesTest {

    @Test
    void aloneAnInstanceKeepsEverySegment() {
        assertThat(SegmentShares.toRelease(List.of(0, 1, 2, 3), 4, 1)).isEmpty();
    }

    @Test
    void theFirstOfTwoInstancesGivesUpHalfOfFourSegmentsHighestFirst() {
        assertThat(SegmentShares.toRelease(List.of(0, 1, 2, 3), 4, 2)).containsExactly(3, 2);
    }

    @Test
    void anInstanceHoldingItsFairShareGivesUpNothing() {
        assertThat(SegmentShares.toRelease(List.of(1, 3), 4, 2)).isEmpty();
        assertThat(SegmentShares.toRelease(List.of(), 4, 2)).isEmpty();
    }

    @Test
    void theShareIsRoundedUpSoAnOddSegmentStaysWhereItIs() {
        assertThat(SegmentShares.fairShare(4, 3)).isEqualTo(2);
        assertThat(SegmentShares.toRelease(List.of(0, 1, 2, 3), 4, 3)).containsExactly(3, 2);
        assertThat(SegmentShares.toRelease(List.of(0, 1), 2, 3)).containsExactly(1);
    }

    @Test
    void aSingleSegmentIsNeverGivenUpSinceSomeoneMustHoldIt() {
        assertThat(SegmentShares.toRelease(List.of(0), 1, 2)).isEmpty();
        assertThat(SegmentShares.toRelease(List.of(0), 1, 5)).isEmpty();
    }

    @Test
    void aSurvivorThatTookOverEverythingGivesHalfBackWhenTheOtherReturns() {
        assertThat(SegmentShares.toRelease(List.of(2, 0, 3, 1), 4, 2)).containsExactly(3, 2);
        assertThat(SegmentShares.toRelease(List.of(0, 1), 2, 2)).containsExactly(1);
    }

    @Test
    void thereIsAlwaysAtLeastThisInstance() {
        assertThatThrownBy(() -> SegmentShares.fairShare(4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
