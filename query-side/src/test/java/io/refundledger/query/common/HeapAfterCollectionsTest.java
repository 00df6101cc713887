package io.refundledger.query.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memory test carried batches ask: the heap in use after the latest collection against a share of the largest heap. */
class HeapAfterCollectionsTest {

    @Test
    void theHeapIsShortOnceACollectionLeavesMoreInUseThanTheShare() throws InterruptedException {
        try (HeapAfterCollections heap = new HeapAfterCollections(1e-9)) { // a few bytes: any collection leaves more
            assertThat(heap.getAsBoolean()).as("no collection seen yet").isFalse();

            System.gc();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!heap.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(20); // the collector's notification arrives on its own thread
            }
            assertThat(heap.getAsBoolean()).isTrue();
        }
    }

    @Test
    void aShareOfTheWholeHeapNeverCountsAsShort() throws InterruptedException {
        try (HeapAfterCollections heap = new HeapAfterCollections(1)) {
            System.gc();
            Thread.sleep(200);
            assertThat(heap.getAsBoolean()).isFalse();
            assertThat(heap.limitBytes()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void aShareOfNothingIsRefused() {
        assertThatThrownBy(() -> new HeapAfterCollections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carry-heap-limit");
    }
}
