package io.refundledger.query.common;

import io.refundledger.query.rebuild.ReadModelGenerations;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@link ReadModelBatch}es carried from one unit of work to the next while a processor is far behind the head: in a
 * catch-up, a replay, a blue/green rebuild. There a document is touched by many units of work in a row (a pooled
 * processor's batches hold at most about 1,000 events, its buffer), and writing it after each of them is most of what a
 * rebuild costs. A carried batch is written once it holds {@code maxEvents} events or reaches the head.
 *
 * <p>What makes this safe is the token. A unit of work whose batch is carried does not store its token: its
 * {@link #around token store} only extends the claim. So the stored token never covers an event whose writes are still
 * in memory. A crash, a stop, a lost claim or a failing unit of work drops the carried batch, and the processor
 * delivers everything again from the stored token, which the positions in the documents make harmless, as for any batch
 * delivered again. The token of the unit of work that writes the carried batch covers all of it.
 *
 * <p>When the processor goes idle with a batch carried (the events after its last batch are not for this segment or
 * handler), Axon extends the claim or stores the token outside a unit of work; once no unit of work has carried the
 * batch for {@code claimRefresh}, the batch is written then, under the generation pins it was gathered with, followed
 * by the latest token.
 */
public final class CarriedBatches {

    /** Axon's key of a unit of work's segment, {@code Processor[<name>]/SegmentId} (AbstractEventProcessor, WorkPackage). */
    private static final String SEGMENT_KEY_PREFIX = "Processor[";
    private static final String SEGMENT_KEY_SUFFIX = "]/SegmentId";

    private final int maxEvents;
    private final long nearHead;
    private final LongSupplier head;
    private final ReadModelGenerations generations;
    private final Clock clock;
    private final long claimRefreshMillis;
    private final BooleanSupplier heapShort;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> onClaim = new ConcurrentHashMap<>();
    private volatile long knownHead;

    /**
     * @param maxEvents   a carried batch is written once it holds this many events (it is memory: the documents it
     *                    touched); below 2, nothing is carried
     * @param nearHead    a batch ending fewer positions than this before the head is written at once, so a processor
     *                    that keeps up is as current as without carrying
     * @param head        the store's head position
     * @param generations whose pins an idle write puts back; null where there are no generations (tests)
     * @param clock        for how old a segment's claim is
     * @param claimRefresh while a batch is carried, the claim is extended at most this often, well within the claim
     *                     timeout: extending it is a journaled write, and after each unit of work it was most of what a
     *                     rebuild waited for (about 100 ms each on the embedded server, behind the other commits);
     *                     also how long a batch waits for another unit of work before it counts as idle and is written
     * @param heapShort    true while memory is short ({@link HeapAfterCollections}): batches are then written at the end
     *                     of each unit of work, and what a segment carried is written with its next one
     */
    public CarriedBatches(int maxEvents, long nearHead, LongSupplier head, ReadModelGenerations generations, Clock clock,
                          Duration claimRefresh, BooleanSupplier heapShort) {
        this.heapShort = heapShort;
        this.maxEvents = maxEvents;
        this.nearHead = nearHead;
        this.head = head;
        this.generations = generations;
        this.clock = clock;
        this.claimRefreshMillis = claimRefresh.toMillis();
    }

    /** The batch one segment carries, between units of work; guarded by itself. */
    private static final class Slot {
        ReadModelBatch batch;
        /** The first and last position of the events the carried batch holds. */
        long firstPosition;
        long lastPosition;
        int events;
        Map<String, Integer> pins = Map.of();
        /** The token the units of work of the carried batch did not store. */
        TrackingToken deferred;
        /** When the claim was last extended or the token stored (epoch ms). */
        long claimExtendedAt;
        /** When a unit of work last left the batch here (epoch ms). */
        long carriedAt;

        void clear() {
            batch = null;
            events = 0;
            deferred = null;
        }
    }

    /** Whose batch a unit of work handles: its processor and segment, as Axon puts them among its resources. */
    record Owner(String processor, int segment) {

        static Optional<Owner> of(Map<String, Object> resources) {
            for (Map.Entry<String, Object> e : resources.entrySet()) {
                String key = e.getKey();
                if (key.startsWith(SEGMENT_KEY_PREFIX) && key.endsWith(SEGMENT_KEY_SUFFIX) && e.getValue() instanceof Integer id) {
                    return Optional.of(new Owner(key.substring(SEGMENT_KEY_PREFIX.length(), key.length() - SEGMENT_KEY_SUFFIX.length()), id));
                }
            }
            return Optional.empty();
        }

        String key() {
            return processor + "#" + segment;
        }
    }

    // ------------------------------------------------------------------------------------------- the interceptor's side

    /**
     * Takes the batch this segment carries, to go on with in a unit of work starting at {@code firstPosition}; empty
     * when there is none, or when it cannot continue (the unit of work starts at or before what it holds: delivered
     * again, or reset).
     */
    Optional<ReadModelBatch> resume(Owner owner, long firstPosition) {
        Slot slot = slots.get(owner.key());
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            ReadModelBatch batch = slot.batch;
            if (batch == null || firstPosition <= slot.lastPosition) {
                slot.clear();
                return Optional.empty();
            }
            slot.batch = null; // taken: its events still count (writtenUpTo) until written or dropped
            return Optional.of(batch);
        }
    }

    /**
     * After the last event of a unit of work: keeps the batch for the next one (answers true; the unit of work then
     * stores no token), or answers false and the caller writes it now.
     */
    boolean carry(Owner owner, ReadModelBatch batch, int unitEvents, long firstPosition, long lastPosition) {
        if (maxEvents < 2) {
            return false;
        }
        Slot slot = slots.computeIfAbsent(owner.key(), k -> new Slot());
        synchronized (slot) {
            int events = slot.events + unitEvents;
            if (events >= maxEvents || heapShort.getAsBoolean() || !farBehindHead(lastPosition)) {
                slot.clear();
                return false;
            }
            if (slot.events == 0) {
                slot.firstPosition = firstPosition;
            }
            slot.batch = batch;
            slot.events = events;
            slot.lastPosition = lastPosition;
            slot.pins = generations == null ? Map.of() : generations.pinsOfThisThread();
            slot.carriedAt = clock.millis();
            return true;
        }
    }

    /** Forgets what the segment carries: its unit of work failed, its claim ended, or it starts over. */
    void discard(Owner owner) {
        discard(owner.key());
    }

    private void discard(String key) {
        Slot slot = slots.remove(key);
        if (slot != null) {
            synchronized (slot) {
                slot.clear();
            }
        }
    }

    /** Asks the store only when the head known might be near: it only grows, so a stale one errs towards writing. */
    private boolean farBehindHead(long position) {
        if (position < knownHead - nearHead) {
            return true;
        }
        knownHead = head.getAsLong();
        return position < knownHead - nearHead;
    }

    /** Whether a batch waits here for the segment's next unit of work (not while one has taken it). */
    public boolean carries(String processor, int segment) {
        Slot slot = slots.get(new Owner(processor, segment).key());
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            return slot.batch != null;
        }
    }

    /**
     * The position before the first event the segment carries, unwritten (what a status should call its position), or
     * empty when it carries nothing.
     */
    public OptionalLong writtenUpTo(String processor, int segment) {
        Slot slot = slots.get(new Owner(processor, segment).key());
        if (slot == null) {
            return OptionalLong.empty();
        }
        synchronized (slot) {
            // Counted from the events, so also while a unit of work has taken the batch to go on with it.
            return slot.events == 0 ? OptionalLong.empty() : OptionalLong.of(slot.firstPosition - 1);
        }
    }

    /** Whether any segment of the processor carries a batch: events it has handled that are not written yet. */
    public boolean carriesAny(String processor) {
        String prefix = processor + "#";
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                synchronized (e.getValue()) {
                    if (e.getValue().events > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code action} whenever this instance claims a segment of {@code processor} (of any of its generations),
     * before the segment's first unit of work here. Until then another instance may have held it and written, perhaps
     * an earlier version that wrote less: what a projection keeps in memory about its model must be checked again.
     */
    public void onClaim(String processor, Runnable action) {
        onClaim.computeIfAbsent(processor, p -> new CopyOnWriteArrayList<>()).add(action);
    }

    private void claimed(String processorName) {
        onClaim.getOrDefault(ReadModelGenerations.processorOf(processorName), List.of()).forEach(Runnable::run);
    }

    // ------------------------------------------------------------------------------------------- the token store's side

    /** {@code tokens} as the processors must see it when their batches may be carried. */
    public TokenStore around(TokenStore tokens) {
        return new CarryingTokenStore(tokens);
    }

    /** The token store that {@link #around} wrapped, else {@code tokens} itself. */
    public static TokenStore unwrap(TokenStore tokens) {
        return tokens instanceof CarryingTokenStore carrying ? carrying.tokens : tokens;
    }

    private final class CarryingTokenStore implements TokenStore {

        private final TokenStore tokens;

        CarryingTokenStore(TokenStore tokens) {
            this.tokens = tokens;
        }

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
            Slot slot = slots.get(new Owner(processorName, segment).key());
            if (slot != null) {
                synchronized (slot) {
                    if (slot.batch != null) {
                        if (CurrentUnitOfWork.isStarted() || !idle(slot)) {
                            // The unit of work that carried its batch, or a work package passing over events of other
                            // segments between two of its own: the events up to this token are not all written yet.
                            slot.deferred = token;
                            extendClaimIfDue(slot, processorName, segment);
                        } else {
                            writeIdle(slot);
                            tokens.storeToken(token, processorName, segment);
                            slot.claimExtendedAt = clock.millis();
                        }
                        return;
                    }
                    tokens.storeToken(token, processorName, segment);
                    slot.claimExtendedAt = clock.millis();
                    return;
                }
            }
            tokens.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
            Slot slot = slots.get(new Owner(processorName, segment).key());
            if (slot != null) {
                synchronized (slot) {
                    if (slot.batch != null) {
                        if (CurrentUnitOfWork.isStarted() || !idle(slot)) {
                            extendClaimIfDue(slot, processorName, segment);
                            return;
                        }
                        TrackingToken deferred = slot.deferred;
                        writeIdle(slot);
                        if (deferred != null) {
                            tokens.storeToken(deferred, processorName, segment);
                            slot.claimExtendedAt = clock.millis();
                            return;
                        }
                    }
                }
            }
            tokens.extendClaim(processorName, segment);
        }

        /**
         * No unit of work has carried the batch for a while: the segment has nothing more to handle for now. Until
         * then, calls outside a unit of work come from a work package passing over other segments' events, and writing
         * at each of them would stall the processor on a commit every few seconds.
         */
        private boolean idle(Slot slot) {
            return clock.millis() - slot.carriedAt >= claimRefreshMillis;
        }

        /** A journaled write, so only every third of the claim timeout while a batch is carried. */
        private void extendClaimIfDue(Slot slot, String processorName, int segment) {
            long now = clock.millis();
            if (now - slot.claimExtendedAt >= claimRefreshMillis) {
                tokens.extendClaim(processorName, segment);
                slot.claimExtendedAt = now;
            }
        }

        /** Writes the carried batch from outside a unit of work, under its pins; a failure drops it (delivered again). */
        private void writeIdle(Slot slot) {
            ReadModelBatch batch = slot.batch;
            Map<String, Integer> pins = slot.pins;
            slot.clear();
            if (generations == null) {
                batch.flush();
                return;
            }
            try (ReadModelGenerations.Pin ignored = generations.pinAll(pins)) {
                batch.flush();
            }
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
            discard(new Owner(processorName, segment).key());
            TrackingToken token = tokens.fetchToken(processorName, segment);
            claimed(processorName);
            return token;
        }

        @Override
        public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
            discard(new Owner(processorName, segment.getSegmentId()).key());
            TrackingToken token = tokens.fetchToken(processorName, segment);
            claimed(processorName);
            return token;
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            discard(new Owner(processorName, segment).key());
            tokens.releaseClaim(processorName, segment);
        }

        @Override
        public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
            discard(new Owner(processorName, segment).key());
            tokens.deleteToken(processorName, segment);
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
            tokens.initializeTokenSegments(processorName, segmentCount);
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
                throws UnableToClaimTokenException {
            tokens.initializeTokenSegments(processorName, segmentCount, initialToken);
        }

        @Override
        public void initializeSegment(TrackingToken token, String processorName, int segment) {
            tokens.initializeSegment(token, processorName, segment);
        }

        @Override
        public boolean requiresExplicitSegmentInitialization() {
            return tokens.requiresExplicitSegmentInitialization();
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return tokens.fetchSegments(processorName);
        }

        @Override
        public List<Segment> fetchAvailableSegments(String processorName) {
            return tokens.fetchAvailableSegments(processorName);
        }

        @Override
        public Optional<String> retrieveStorageIdentifier() {
            return tokens.retrieveStorageIdentifier();
        }
    }
}
