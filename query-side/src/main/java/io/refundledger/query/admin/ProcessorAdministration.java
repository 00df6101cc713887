package io.refundledger.query.admin;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.query.common.CarriedBatches;
import io.refundledger.query.rebuild.BlueGreenRebuilds;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status, replay and rebuild of the query side's streaming event processors. A replay (in place) shuts the processor
 * down, resets its tokens (which runs the projection's {@code @ResetHandler}, dropping its collections) and starts it
 * again; it then reads the whole event store and catches up, serving reads from a read model that fills up as it goes.
 * A rebuild (blue/green) fills a new generation beside the one that answers, and switches when it has caught up.
 */
@Service
public class ProcessorAdministration {

    private static final Logger log = LoggerFactory.getLogger(ProcessorAdministration.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final BlueGreenRebuilds rebuilds;
    private final CarriedBatches carried;
    /** Replays requested here whose processor has not yet reported its replaying segments. */
    private final Set<String> replaysStarting = ConcurrentHashMap.newKeySet();

    public ProcessorAdministration(EventProcessingConfiguration processing, EventStore eventStore, BlueGreenRebuilds rebuilds,
                                   CarriedBatches carried) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.rebuilds = rebuilds;
        this.carried = carried;
    }

    public ProcessorsView all() {
        long head = headPosition();
        Map<String, BlueGreenRebuilds.GenerationStatus> generations = rebuilds.statuses(head);
        List<ProcessorStatusView> processors = streamingProcessors().values().stream()
                .sorted(Comparator.comparing(StreamingEventProcessor::getName))
                .map(p -> statusOf(p, head, generations))
                .toList();
        return new ProcessorsView(head, processors);
    }

    public ProcessorStatusView one(String name) {
        long head = headPosition();
        return statusOf(processorNamed(name), head, rebuilds.statuses(head));
    }

    /** Gives up the blue/green rebuild under way; the generation that answers stays ({@link BlueGreenRebuilds#cancel}). */
    public ProcessorStatusView cancelRebuild(String name) {
        processorNamed(name);
        rebuilds.cancel(name);
        return one(name);
    }

    /**
     * Starts a blue/green rebuild: the next generation of the read model fills up while the current one answers
     * queries, and takes over once it has caught up ({@link BlueGreenRebuilds}).
     */
    public ProcessorStatusView rebuild(String name) {
        processorNamed(name);
        synchronized (this) {
            if (replaying(processorNamed(name))) {
                throw DomainException.conflict("REPLAY_IN_PROGRESS", "Processor " + name + " is replaying in place; "
                        + "wait until it has caught up (GET /api/admin/processors/" + name + "), then rebuild");
            }
            rebuilds.start(name);
        }
        return one(name);
    }

    /** Starts a replay and answers the status right after the restart. */
    public ProcessorStatusView replay(String name) {
        StreamingEventProcessor processor = processorNamed(name);
        synchronized (this) {
            if (replaying(processor)) {
                throw DomainException.conflict("REPLAY_IN_PROGRESS", "Processor " + name + " is replaying already; "
                        + "wait until it has caught up (GET /api/admin/processors/" + name + ")");
            }
            if (rebuilds.inProgress(name)) {
                throw BlueGreenRebuilds.rebuildInProgress(name);
            }
            if (!processor.supportsReset()) {
                throw DomainException.conflict("PROCESSOR_NOT_RESETTABLE", "Processor " + name + " cannot be reset");
            }
            log.info("Replaying processor {}: shutting down, resetting its tokens, starting again", name);
            processor.shutDown();
            try {
                processor.resetTokens();
            } catch (UnableToClaimTokenException e) {
                throw DomainException.conflict("PROCESSOR_CLAIMED_ELSEWHERE", "Processor " + name
                        + " still has segments claimed by another instance; stop it there first, then replay");
            } finally {
                processor.start();
            }
            replaysStarting.add(name);
        }
        return one(name);
    }

    private boolean replaying(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.values().stream().anyMatch(ProcessorAdministration::stillReplaying)) {
            return true;
        }
        // Just restarted: until it claims its segments it reports nothing, yet the replay is under way.
        if (replaysStarting.contains(processor.getName())) {
            if (status.isEmpty() && processor.isRunning()) {
                return true;
            }
            replaysStarting.remove(processor.getName());
        }
        return false;
    }

    /**
     * Axon keeps a segment's replay token until an event beyond the reset position arrives, so a replay that reached
     * the head reports "replaying" until the next event is written; by then it has rebuilt everything there was.
     */
    public static boolean stillReplaying(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return false;
        }
        long position = status.getCurrentPosition().orElse(0);
        return status.getResetPosition().isEmpty() || position < status.getResetPosition().getAsLong();
    }

    private ProcessorStatusView statusOf(StreamingEventProcessor processor, long head,
                                         Map<String, BlueGreenRebuilds.GenerationStatus> generations) {
        List<ProcessorStatusView.Segment> segments = new ArrayList<>();
        processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .forEach(s -> segments.add(new ProcessorStatusView.Segment(s.getSegment().getSegmentId(),
                        writtenPosition(processor.getName(), s), s.isCaughtUp(), stillReplaying(s),
                        stillReplaying(s) && s.getResetPosition().isPresent() ? s.getResetPosition().getAsLong() : null,
                        s.isErrorState(), s.getError() == null ? null : String.valueOf(s.getError().getMessage()))));
        long slowest = segments.stream().mapToLong(ProcessorStatusView.Segment::position).min().orElse(0);
        boolean replaying = replaying(processor);
        BlueGreenRebuilds.GenerationStatus generation = generations.get(processor.getName());
        return new ProcessorStatusView(processor.getName(), processor.isRunning(), replaying, processor.isError(), head,
                slowest, Math.max(0, head - slowest), replaying ? progress(segments) : null, segments,
                generation == null ? null : generation.generation(), generation == null ? null : generation.rebuild());
    }

    /**
     * Where the segment has written to: Axon's status counts the events handled, and those of a batch carried between
     * units of work ({@link CarriedBatches}) are not written yet, so a status would call a model complete too early.
     */
    private long writtenPosition(String processor, EventTrackerStatus status) {
        long handled = status.getCurrentPosition().orElse(0);
        OptionalLong written = carried.writtenUpTo(processor, status.getSegment().getSegmentId());
        return written.isPresent() ? Math.min(handled, Math.max(0, written.getAsLong())) : handled;
    }

    /** The slowest replaying segment's share of the way to where it was reset; 0 until a segment reports. */
    private static Double progress(List<ProcessorStatusView.Segment> segments) {
        double slowest = 100.0;
        boolean any = false;
        for (ProcessorStatusView.Segment s : segments) {
            if (s.replaying() && s.resetPosition() != null) {
                any = true;
                double share = s.resetPosition() <= 0 ? 100.0 : Math.min(100.0, 100.0 * s.position() / s.resetPosition());
                slowest = Math.min(slowest, share);
            }
        }
        return any ? Math.floor(slowest * 10) / 10 : 0.0;
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private StreamingEventProcessor processorNamed(String name) {
        StreamingEventProcessor processor = streamingProcessors().get(name);
        if (processor == null) {
            throw DomainException.notFound("PROCESSOR_NOT_FOUND", "No event processor named '" + name + "'; GET "
                    + "/api/admin/processors lists them");
        }
        return processor;
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> streaming = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor s) {
                streaming.put(name, s);
            }
        });
        return streaming;
    }
}
