package io.refundledger.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares each processor's segments between the live query-side instances. Axon's pooled processors claim every
 * segment nobody holds, so the first instance up holds them all and a second gets none. Here every instance
 * announces itself ({@link QueryInstances}) and, per processor, releases what it holds beyond its fair share
 * ({@link SegmentShares}) for a while, long enough for another instance to claim it. There is no upper limit on
 * claims: when an instance dies, its claims time out and the survivors take its segments, and when it comes back
 * the survivors give them up again.
 */
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final QueryInstances instances;
    private final String nodeId;
    private final Clock clock;
    private final SegmentBalanceProperties settings;
    private ScheduledExecutorService scheduler;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore, QueryInstances instances,
                           String nodeId, Clock clock, SegmentBalanceProperties settings) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.instances = instances;
        this.nodeId = nodeId;
        this.clock = clock;
        this.settings = settings;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Announces this instance; a failed write is only logged, the next heartbeat tries again. */
    public void heartbeat() {
        try {
            instances.heartbeat(nodeId, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Heartbeat of {} failed: {}", nodeId, e.toString());
        }
    }

    /**
     * One comparison of what this instance holds with its fair share, for every pooled processor.
     *
     * @return the segments released, as {@code processor/segment}
     */
    public List<String> balance() {
        List<String> live = instances.live(clock.instant(), settings.instanceTimeout());
        int liveInstances = live.contains(nodeId) ? live.size() : live.size() + 1;
        List<String> released = new ArrayList<>();
        if (liveInstances <= 1) {
            return released;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof PooledStreamingEventProcessor pooled && pooled.isRunning() && !pooled.isError()) {
                int total = tokenStore.fetchSegments(name).length;
                List<Integer> held = List.copyOf(pooled.processingStatus().keySet());
                for (int segment : SegmentShares.toRelease(held, total, liveInstances)) {
                    pooled.releaseSegment(segment, settings.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
                    released.add(name + "/" + segment);
                }
            }
        });
        if (!released.isEmpty()) {
            log.info("{} of {} live query-side instances: releasing {} for the others", nodeId, liveInstances, released);
        }
        return released;
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.warn("Segment balancing on {} failed, trying again in {}: {}", nodeId, settings.interval(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat();
        scheduler.scheduleWithFixedDelay(this::heartbeat, settings.heartbeatInterval().toMillis(),
                settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        // The first comparison after one heartbeat interval, when the others have had a chance to announce themselves.
        scheduler.scheduleWithFixedDelay(this::balanceQuietly, settings.heartbeatInterval().toMillis(),
                settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops announcing and says goodbye, before the processors stop (the default phase stops first). */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        try {
            instances.leave(nodeId);
        } catch (RuntimeException e) {
            log.warn("{} could not remove its heartbeat; the others count it out after {}", nodeId,
                    settings.instanceTimeout());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
