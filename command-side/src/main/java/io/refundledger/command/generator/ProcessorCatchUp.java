package io.refundledger.command.generator;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Waits until this instance's streaming processors have handled everything in the event store, so the generator
 * exits only once the read models of this side (outbox, deadlines, cancellation processes) describe the whole
 * generated history.
 */
public final class ProcessorCatchUp {

    private static final long POLL_MILLIS = 20;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProcessorCatchUp(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** @return whether every streaming processor caught up with the head; they may add events while catching up */
    public boolean awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long head = headPosition();
            boolean all = processing.eventProcessors().keySet().stream().allMatch(name -> caughtUp(name, head));
            // Process managers send commands as they go: done only when the head stayed where it was.
            if (all && headPosition() == head) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
    }

    private boolean caughtUp(String processorName, long head) {
        if (head < 0) {
            return true;
        }
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> caughtUp(processor.processingStatus(), head))
                .orElse(true);
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> segments, long head) {
        // No claimed segment yet (start-up) says nothing: wait for the claims.
        return !segments.isEmpty() && segments.values().stream().allMatch(status -> {
            OptionalLong position = status.getCurrentPosition();
            return !status.isErrorState() && position.isPresent() && position.getAsLong() >= head;
        });
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the processors", e);
        }
    }
}
