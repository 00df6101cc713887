package io.refundledger.query.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.query.admin.ProcessorAdministration;
import io.refundledger.query.common.CarriedBatches;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.springboot.EventProcessorProperties;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blue/green rebuilds of read models. A rebuild fills the next generation of a processor's collections with a second
 * processor ({@code <name>@g<k>}: the same handlers, its own tokens, pinned to generation k) reading the event store
 * from its start, while the live processor goes on writing the active generation and queries keep reading it. When
 * every segment of the rebuild has reached the head, the generation record is switched (a compare-and-set, once for
 * all instances), queries read the new generation, and the live processor restarts on it, from the rebuild's tokens.
 * The old generation is dropped after a grace period ({@code ledger.read-models.retire-after}), when no instance
 * can still be reading it.
 *
 * <p>Every instance follows the shared records once a second: it adopts a switch made elsewhere (restarting its live
 * processor on the new generation), takes part in a rebuild another instance prepared (its segments are claimed like
 * any other), resumes a rebuild after a restart, and drops retired generations.
 */
@Service
public class BlueGreenRebuilds {

    private static final Logger log = LoggerFactory.getLogger(BlueGreenRebuilds.class);
    private static final String TOKENS = "trackingtokens";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokens;
    private final MongoDatabase database;
    private final Serializer serializer;
    private final GenerationRecords records;
    private final ReadModelGenerations generations;
    private final EventProcessorProperties processorProperties;
    private final Clock clock;
    private final Duration retireAfter;
    private final CarriedBatches carried;
    private final Map<String, LocalRebuild> rebuilds = new ConcurrentHashMap<>();
    private ScheduledExecutorService follower;
    private int ticks;

    public BlueGreenRebuilds(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                             MongoDatabase database, Serializer serializer, GenerationRecords records,
                             ReadModelGenerations generations, EventProcessorProperties processorProperties, Clock clock,
                             @Value("${ledger.read-models.retire-after:30s}") Duration retireAfter,
                             CarriedBatches carried) {
        this.processing = processing;
        this.eventStore = eventStore;
        TokenStore outer = CarriedBatches.unwrap(tokenStore);
        this.tokens = outer instanceof GenerationalTokenStore g ? g.unwrapped() : outer;
        this.carried = carried;
        this.database = GenerationalDatabase.raw(database);
        this.serializer = serializer;
        this.records = records;
        this.generations = generations;
        this.processorProperties = processorProperties;
        this.clock = clock;
        this.retireAfter = retireAfter;
    }

    // ------------------------------------------------------------------------------------------- requests

    /** Starts filling the next generation of the processor's read model; answers the generation being filled. */
    public synchronized int start(String name) {
        AbstractEventProcessor live = liveProcessor(name);
        if (!generations.owners().isOwner(name)) {
            throw DomainException.conflict("PROCESSOR_HAS_NO_READ_MODEL", "Processor " + name
                    + " keeps no read model of its own; it can only be replayed in place");
        }
        if (((StreamingEventProcessor) live).processingStatus().values().stream()
                .anyMatch(ProcessorAdministration::stillReplaying)) {
            throw DomainException.conflict("REPLAY_IN_PROGRESS", "Processor " + name
                    + " is replaying in place; wait until it has caught up, then rebuild");
        }
        GenerationRecord record = records.of(name);
        int target = record.active() + 1;
        if (record.building() != null || !records.reserve(name, record.active(), target, clock.instant())) {
            throw rebuildInProgress(name);
        }
        try {
            prepare(name, live, target);
        } catch (RuntimeException e) {
            records.abandon(name, target);
            throw e;
        }
        records.markReady(name, target);
        startLocal(name, target);
        log.info("Rebuilding {} into generation {} while generation {} answers queries", name, target, record.active());
        return target;
    }

    /** Whether a blue/green rebuild of this processor is under way (on any instance). */
    public boolean inProgress(String name) {
        return generations.owners().isOwner(name) && records.of(name).building() != null;
    }

    public static DomainException rebuildInProgress(String name) {
        return DomainException.conflict("REBUILD_IN_PROGRESS", "A rebuild of " + name + " is under way; GET "
                + "/api/admin/processors/" + name + " shows how far it is");
    }

    /** Per read-model processor: the generation that answers here, and the rebuild under way (anywhere), if any. */
    public Map<String, GenerationStatus> statuses(long head) {
        Map<String, GenerationRecord> all = records.all();
        Map<String, GenerationStatus> statuses = new HashMap<>();
        for (String owner : generations.owners().owners()) {
            GenerationRecord r = all.getOrDefault(owner, GenerationRecord.initial(owner));
            RebuildStatusView rebuild = null;
            if (r.building() != null) {
                List<Long> positions = r.ready() ? tokenPositions(ReadModelGenerations.tokenName(owner, r.building())) : List.of();
                Long slowest = positions.isEmpty() ? null : positions.stream().mapToLong(Long::longValue).min().getAsLong();
                Double percent = slowest == null ? 0.0 : head <= 0 ? 100.0 : Math.floor(Math.min(100.0, 100.0 * slowest / head) * 10) / 10;
                rebuild = new RebuildStatusView(r.building(), r.buildingSince(), slowest, head, percent);
            }
            statuses.put(owner, new GenerationStatus(generations.active(owner), rebuild));
        }
        return statuses;
    }

    public record GenerationStatus(int generation, RebuildStatusView rebuild) {
    }

    // ------------------------------------------------------------------------------------------- preparing and filling

    /** Empties the target generation (leftovers of a rebuild given up earlier) and creates its tokens. */
    private void prepare(String name, AbstractEventProcessor live, int target) {
        String tokenName = ReadModelGenerations.tokenName(name, target);
        tokenRows().deleteMany(Filters.eq("processorName", tokenName));
        // The reset handlers drop the collections before they create what an empty read model needs (unique
        // indexes); created here first, so that those drops find them (the embedded server logs a missing one's as an error).
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        generations.owners().collectionsOf(name).stream()
                .map(logical -> ReadModelGenerations.physicalName(logical, target))
                .filter(physical -> !existing.contains(physical))
                .forEach(database::createCollection);
        try (ReadModelGenerations.Pin ignored = generations.pin(name, target)) {
            live.eventHandlerInvoker().performReset();
        }
        tokens.initializeTokenSegments(tokenName, segmentCount(name), null);
    }

    private int segmentCount(String name) {
        int live = tokens.fetchSegments(ReadModelGenerations.tokenName(name, generations.processing(name))).length;
        if (live > 0) {
            return live;
        }
        EventProcessorProperties.ProcessorSettings settings = processorProperties.getProcessors().get(name);
        return settings == null || settings.getInitialSegmentCount() == null ? 1 : settings.getInitialSegmentCount();
    }

    /**
     * A tracking processor, not a pooled one like the live processor: a pooled processor's coordinator pauses 100 ms
     * whenever one of its work packages holds 1,024 events (Axon's buffer, every event goes to every work package), and
     * in a rebuild, where reading is far faster than handling, that capped every read model near 10,000 events/s. A
     * tracking processor reads and handles in one thread per segment, {@code batch-size} events at a time. One thread
     * per segment, so that this instance rebuilds every segment no other instance claims.
     */
    private void startLocal(String name, int target) {
        AbstractEventProcessor live = liveProcessor(name);
        EventProcessorProperties.ProcessorSettings settings = processorProperties.getProcessors().get(name);
        int batchSize = settings == null ? 1 : Math.max(1, settings.getBatchSize());
        int segments = segmentCount(name);
        String processorName = ReadModelGenerations.tokenName(name, target);
        TrackingEventProcessor rebuild = TrackingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(live.eventHandlerInvoker())
                .messageSource(eventStore)
                .tokenStore(carried.around(tokens))
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize)
                        .andTokenClaimInterval(1_000, TimeUnit.MILLISECONDS)
                        .andThreadFactory(processor -> threads(processorName + "-worker")))
                .build();
        // Outermost: the live processor's own pin (among its interceptors) then leaves this one in force.
        rebuild.registerHandlerInterceptor(GenerationPinningInterceptor.rebuilding(generations, name, target));
        live.getHandlerInterceptors().forEach(rebuild::registerHandlerInterceptor);
        rebuild.start();
        rebuilds.put(name, new LocalRebuild(name, target, rebuild));
    }

    private record LocalRebuild(String owner, int generation, TrackingEventProcessor processor) {

        void stop() {
            try {
                processor.shutdownAsync().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Rebuild processor {} did not stop cleanly: {}", processor.getName(), e.toString());
            }
        }
    }

    /**
     * Gives up the rebuild of this processor's read model under way: its processor stops here, and on every other
     * instance once it sees the record (within a second). The generation that answers stays; what the rebuild filled
     * is emptied by the next rebuild's preparation.
     */
    public synchronized int cancel(String name) {
        liveProcessor(name);
        GenerationRecord record = records.of(name);
        if (!generations.owners().isOwner(name) || record.building() == null) {
            throw DomainException.conflict("NO_REBUILD_IN_PROGRESS", "No rebuild of " + name + " is under way");
        }
        Optional.ofNullable(rebuilds.remove(name)).ifPresent(LocalRebuild::stop);
        records.abandon(name, record.building());
        log.info("Rebuild of {} into generation {} given up; generation {} answers as before", name, record.building(),
                record.active());
        return record.building();
    }

    // ------------------------------------------------------------------------------------------- following the records

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void startFollowing() {
        if (follower == null) {
            follower = Executors.newSingleThreadScheduledExecutor(threads("read-model-generations"));
            follower.scheduleWithFixedDelay(this::follow, 1, 1, TimeUnit.SECONDS);
        }
    }

    @EventListener(ContextClosedEvent.class)
    public void stopFollowing() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = follower;
            follower = null;
        }
        if (stopping != null) {
            stopping.shutdown();
            try {
                stopping.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        new ArrayList<>(rebuilds.keySet()).forEach(owner -> Optional.ofNullable(rebuilds.remove(owner)).ifPresent(LocalRebuild::stop));
    }

    /** One round: adopt switches, join or resume rebuilds, switch those that caught up, retire old generations. */
    synchronized void follow() {
        try {
            Map<String, GenerationRecord> all = records.all();
            for (String owner : generations.owners().owners()) {
                if (processing.eventProcessor(owner).isEmpty()) {
                    continue;
                }
                follow(all.getOrDefault(owner, GenerationRecord.initial(owner)));
            }
            if (++ticks % 10 == 0) {
                retire(all);
            }
        } catch (RuntimeException e) {
            // The database may be down; the next round tries again.
            log.warn("Could not follow the read models' generations: {}", e.toString());
        }
    }

    private void follow(GenerationRecord record) {
        String owner = record.owner();
        LocalRebuild local = rebuilds.get(owner);
        if (local != null && !Objects.equals(record.building(), local.generation())) {
            rebuilds.remove(owner).stop();  // switched or given up elsewhere
            local = null;
        }
        if (generations.processing(owner) != record.active()) {
            restartLive(owner, record.active());
        }
        generations.activate(owner, record.active());
        if (local == null && record.building() != null && record.ready()) {
            startLocal(owner, record.building());
            local = rebuilds.get(owner);
        }
        if (local != null && caughtUp(local)) {
            switchOver(record, local);
        }
    }

    private boolean caughtUp(LocalRebuild rebuild) {
        long head = headPosition();
        List<Long> positions = tokenPositions(rebuild.processor().getName());
        return !positions.isEmpty() && positions.stream().allMatch(p -> p >= head);
    }

    private void switchOver(GenerationRecord record, LocalRebuild rebuild) {
        String owner = record.owner();
        rebuilds.remove(owner);
        rebuild.stop();
        if (records.switchTo(owner, record.active(), rebuild.generation(), clock.instant())) {
            // Queries here move once the live processor is on the new generation; until then the old one is complete.
            restartLive(owner, rebuild.generation());
            generations.activate(owner, rebuild.generation());
            log.info("Read model {} switched to generation {}; generation {} is dropped after {}", owner,
                    rebuild.generation(), record.active(), retireAfter);
        }
    }

    /** Stops the live processor, so that no batch straddles the change, and starts it again on the generation. */
    private void restartLive(String owner, int generation) {
        StreamingEventProcessor live = (StreamingEventProcessor) liveProcessor(owner);
        boolean running = live.isRunning();
        try {
            live.shutdownAsync().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("processor " + owner + " did not stop to change generation", e);
        }
        generations.process(owner, generation);
        if (running) {
            live.start();
        }
        log.info("Processor {} now writes generation {}", owner, generation);
    }

    /** Drops collections and token rows of generations neither active nor building, once past the grace period. */
    private void retire(Map<String, GenerationRecord> all) {
        Instant now = clock.instant();
        ReadModelOwners owners = generations.owners();
        for (String physical : database.listCollectionNames()) {
            String owner = owners.ownerOf(ReadModelGenerations.logicalName(physical)).orElse(null);
            if (owner != null && retired(all.getOrDefault(owner, GenerationRecord.initial(owner)),
                    ReadModelGenerations.generationOf(physical), now)) {
                log.info("Dropping {}, a retired generation of {}", physical, owner);
                database.getCollection(physical).drop();
            }
        }
        for (Document row : tokenRows().find()) {
            String name = row.getString("processorName");
            String owner = name == null ? null : ReadModelGenerations.processorOf(name);
            if (owner == null || !owners.isOwner(owner)) {
                continue;
            }
            int generation;
            try {
                generation = ReadModelGenerations.generationOfToken(name);
            } catch (NumberFormatException e) {
                continue; // more digits than a generation number has: not a token of ours
            }
            if (retired(all.getOrDefault(owner, GenerationRecord.initial(owner)), generation, now)) {
                tokenRows().deleteOne(Filters.eq("_id", row.get("_id")));
            }
        }
    }

    /**
     * Only generations older than the active one: a newer one may be in preparation on another instance that this
     * round's records do not show yet (a rebuild given up part-way is emptied by the next rebuild's preparation).
     */
    private boolean retired(GenerationRecord record, int generation, Instant now) {
        if (generation >= record.active()) {
            return false;
        }
        return record.switchedAt() == null || !record.switchedAt().plus(retireAfter).isAfter(now);
    }

    // ------------------------------------------------------------------------------------------- reading

    /** The positions of a processor's token rows, read without claiming them (0 for a row with no token yet). */
    public List<Long> tokenPositions(String processorName) {
        List<Long> positions = new ArrayList<>();
        for (Document row : tokenRows().find(Filters.eq("processorName", processorName))) {
            Object stored = row.get("token");
            String type = row.getString("tokenType");
            if (stored == null || type == null) {
                positions.add(0L);
                continue;
            }
            byte[] bytes = stored instanceof Binary binary ? binary.getData()
                    : stored instanceof byte[] raw ? raw : stored.toString().getBytes(StandardCharsets.UTF_8);
            TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
            positions.add(token == null ? 0L : token.position().orElse(0));
        }
        return positions;
    }

    private MongoCollection<Document> tokenRows() {
        return database.getCollection(TOKENS);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private AbstractEventProcessor liveProcessor(String name) {
        Optional<EventProcessor> processor = processing.eventProcessor(name);
        if (processor.isEmpty() || !(processor.get() instanceof AbstractEventProcessor p) || !(p instanceof StreamingEventProcessor)) {
            throw DomainException.notFound("PROCESSOR_NOT_FOUND", "No event processor named '" + name + "'; GET "
                    + "/api/admin/processors lists them");
        }
        return p;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
