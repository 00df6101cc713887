package io.refundledger.infrastructure.eventstore;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static io.refundledger.infrastructure.eventstore.EngineTestSupport.event;
import static io.refundledger.infrastructure.eventstore.EngineTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Several "processes" (one engine each, as separate app instances would have) on one store. */
class ConcurrentAppendTest {

    private final EngineTestSupport store = new EngineTestSupport();

    @AfterEach
    void dropDatabase() {
        store.close();
    }

    @Test
    void exactlyOneWriterWinsEachSequenceNumberOfOneAggregate() throws Exception {
        int writers = 6;
        int sequences = 30;
        List<MongoCommitLogStorageEngine> engines = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            engines.add(store.newEngine());
        }
        Set<String> winners = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (long seq = 0; seq < sequences; seq++) {
                long sequence = seq;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> attempts = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    MongoCommitLogStorageEngine engine = engines.get(w);
                    int writer = w;
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            engine.appendEvents(event("contested", sequence));
                            winners.add(sequence + " by " + writer);
                        } catch (ConcurrencyException e) {
                            conflicts.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> attempt : attempts) {
                    attempt.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(winners).hasSize(sequences);
        assertThat(conflicts.get()).isEqualTo(sequences * (writers - 1));
        List<? extends TrackedEventMessage<?>> stored = readAll(engines.get(0), null);
        // No position was used up by a loser and nothing is half-written.
        assertThat(stored).extracting(EngineTestSupport::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, sequences).boxed().toList());
        assertThat(engines.get(0).readEvents("contested").asStream().map(e -> e.getSequenceNumber()))
                .containsExactlyElementsOf(LongStream.range(0, sequences).boxed().toList());
        for (Document commit : store.database.getCollection(MongoCommitLogStorageEngine.COMMITS).find()) {
            assertThat(commit.getList("events", Document.class)).hasSize(1);
        }
    }

    @Test
    void aTailingReaderSeesDensePositionsInOrderExactlyOnceWhileManyWrite() throws Exception {
        int writers = 4;
        int commitsPerWriter = 150;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            Future<?> reader = pool.submit(() -> {
                MongoCommitLogStorageEngine engine = store.newEngine();
                TrackingToken token = null;
                while (writing.get() || seen.size() < writers * commitsPerWriter * 2) {
                    for (TrackedEventMessage<?> e : readAll(engine, token)) {
                        seen.add(EngineTestSupport.position(e));
                        token = e.trackingToken();
                    }
                    Thread.sleep(2);
                }
                return null;
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String aggregate = "writer-" + w;
                writes.add(pool.submit(() -> {
                    MongoCommitLogStorageEngine engine = store.newEngine();
                    for (int i = 0; i < commitsPerWriter; i++) {
                        // two events per unit of work, so readers also resume inside commits
                        engine.appendEvents(event(aggregate, 2L * i), event(aggregate, 2L * i + 1));
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        long total = (long) writers * commitsPerWriter * 2;
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(new HashSet<>(seen)).hasSize((int) total);
    }

    @Test
    void aReaderResumingMidBatchGetsEveryEventOnce() {
        MongoCommitLogStorageEngine engine = store.newEngine();
        for (int i = 0; i < 40; i++) {
            engine.appendEvents(event("a", 3L * i), event("a", 3L * i + 1), event("a", 3L * i + 2));
        }
        List<Long> seen = new ArrayList<>();
        TrackingToken token = null;
        // Stop after every 7 events, as a processor that crashed mid-batch would, and resume from its token.
        while (seen.size() < 120) {
            List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).limit(7).toList();
            for (TrackedEventMessage<?> e : batch) {
                seen.add(EngineTestSupport.position(e));
            }
            token = batch.get(batch.size() - 1).trackingToken();
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());
        assertThat(token).isEqualTo(new GlobalSequenceTrackingToken(120));
    }
}
