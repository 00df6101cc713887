package io.refundledger.query.rebuild;

import io.refundledger.query.refund.EventFeed;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared record of a read model's generations: each step is a compare-and-set that only one caller wins. */
class GenerationRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final GenerationRecords records = new GenerationRecords(EventFeed.freshDatabase());

    @Test
    void aReadModelNeverRebuiltIsAtGenerationZero() {
        assertThat(records.of("refund-progress")).isEqualTo(GenerationRecord.initial("refund-progress"));
        assertThat(records.all()).isEmpty();
    }

    @Test
    void onlyOneRebuildOfAReadModelCanBeReservedAtATime() {
        assertThat(records.reserve("refund-progress", 0, 1, NOW)).isTrue();
        assertThat(records.reserve("refund-progress", 0, 1, NOW)).as("a second admin, or instance").isFalse();
        assertThat(records.reserve("audit-history", 0, 1, NOW)).as("another read model").isTrue();

        GenerationRecord record = records.of("refund-progress");
        assertThat(record.active()).isZero();
        assertThat(record.building()).isEqualTo(1);
        assertThat(record.ready()).isFalse();
        assertThat(record.buildingSince()).isEqualTo(NOW);
    }

    @Test
    void theSwitchHappensOnceAndMakesTheBuiltGenerationTheActiveOne() {
        records.reserve("refund-progress", 0, 1, NOW);
        records.markReady("refund-progress", 1);
        assertThat(records.of("refund-progress").ready()).isTrue();

        assertThat(records.switchTo("refund-progress", 0, 1, NOW.plusSeconds(60))).isTrue();
        assertThat(records.switchTo("refund-progress", 0, 1, NOW.plusSeconds(61))).as("the other instance").isFalse();

        GenerationRecord record = records.of("refund-progress");
        assertThat(record.active()).isEqualTo(1);
        assertThat(record.building()).isNull();
        assertThat(record.previous()).isZero();
        assertThat(record.switchedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(records.reserve("refund-progress", 0, 1, NOW)).as("reserved against a stale active generation").isFalse();
        assertThat(records.reserve("refund-progress", 1, 2, NOW)).isTrue();
    }

    @Test
    void aRebuildGivenUpLeavesTheActiveGenerationAndFreesTheNext() {
        records.reserve("refund-progress", 0, 1, NOW);

        records.abandon("refund-progress", 1);

        assertThat(records.of("refund-progress").building()).isNull();
        assertThat(records.of("refund-progress").active()).isZero();
        assertThat(records.switchTo("refund-progress", 0, 1, NOW)).isFalse();
        assertThat(records.reserve("refund-progress", 0, 1, NOW)).isTrue();
    }
}
