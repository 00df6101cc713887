package io.refundledger.query.common;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Whether the heap still in use after the latest garbage collection is above a share of the largest heap: the test
 * {@link CarriedBatches} asks before it keeps a batch for the next unit of work.
 *
 * <p>Why: carried batches are bounded by events, not bytes. Nine processors, some with several segments, each carrying
 * the documents of up to {@code carry-events} events, filled a 512 MB query side during a catch-up of 10,000
 * applications (after-collection use of 300–500 MB and a full collection). While the heap is short, batches are written
 * at the end of each unit of work, as without carrying, and the memory they held is freed.
 *
 * <p>The use after a collection, not the current use: between collections the heap is full of garbage by design.
 */
public final class HeapAfterCollections implements BooleanSupplier, AutoCloseable {

    private final long limitBytes;
    private final Set<String> heapPools;
    private final List<NotificationEmitter> watched = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private volatile boolean heapShort;

    /**
     * @param share of the largest heap ({@code -Xmx}) in use after a collection above which the heap counts as short;
     *              1 or more: never
     */
    public HeapAfterCollections(double share) {
        if (!(share > 0)) {
            throw new IllegalArgumentException("ledger.read-models.carry-heap-limit must be above 0, was " + share);
        }
        long max = Runtime.getRuntime().maxMemory();
        this.limitBytes = share >= 1 || max == Long.MAX_VALUE ? Long.MAX_VALUE : (long) (max * share);
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        if (limitBytes == Long.MAX_VALUE) {
            return;
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                watched.add(emitter);
            }
        }
    }

    /** True while the heap in use after the latest collection is above the limit. */
    @Override
    public boolean getAsBoolean() {
        return heapShort;
    }

    long limitBytes() {
        return limitBytes;
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        heapShort = used > limitBytes;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : watched) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        watched.clear();
    }
}
