package io.refundledger.infrastructure.eventstore;

import com.mongodb.client.model.Filters;
import io.refundledger.infrastructure.eventstore.EngineTestSupport.SampleEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.refundledger.infrastructure.eventstore.EngineTestSupport.event;
import static io.refundledger.infrastructure.eventstore.EngineTestSupport.position;
import static io.refundledger.infrastructure.eventstore.EngineTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoCommitLogStorageEngineTest {

    private final EngineTestSupport store = new EngineTestSupport();
    private final MongoCommitLogStorageEngine engine = store.newEngine();

    @AfterEach
    void dropDatabase() {
        store.close();
    }

    @Test
    void givesEveryEventADenseGlobalPositionStartingAtOne() {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1), event("a", 2), event("a", 3));
        engine.appendEvents(event("b", 0));

        List<? extends TrackedEventMessage<?>> all = readAll(engine, null);

        assertThat(all).extracting(EngineTestSupport::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all).extracting(e -> ((SampleEvent) e.getPayload()).sequence()).containsExactly(0L, 1L, 2L, 3L, 0L);
    }

    @Test
    void storesOneDocumentPerUnitOfWork() {
        engine.appendEvents(event("a", 0), event("a", 1), event("b", 0));

        Document commit = store.database.getCollection(MongoCommitLogStorageEngine.COMMITS).find().first();

        assertThat(store.database.getCollection(MongoCommitLogStorageEngine.COMMITS).countDocuments()).isEqualTo(1);
        assertThat(commit.getLong("_id")).isEqualTo(1L);
        assertThat(commit.getList("positions", Long.class)).containsExactly(1L, 2L, 3L);
        assertThat(commit.getList("aggregateKeys", String.class)).containsExactly("a:0", "a:1", "b:0");
    }

    @Test
    void oneUnitOfWorkTouchingTwoAggregatesIsAtomic() {
        engine.appendEvents(event("b", 0));

        // "a" is new, but "b":0 is taken: nothing of this unit of work may be stored.
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0), event("b", 0)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(readAll(engine, null)).hasSize(1);
        assertThat(engine.readEvents("a").asStream()).isEmpty();
        engine.appendEvents(event("a", 0));
        assertThat(readAll(engine, null)).extracting(EngineTestSupport::position).containsExactly(1L, 2L);
    }

    @Test
    void aConflictingAppendUsesUpNoPosition() {
        engine.appendEvents(event("a", 0));
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("a", 1));

        assertThat(readAll(engine, null)).extracting(EngineTestSupport::position).containsExactly(1L, 2L);
    }

    @Test
    void resumesTrackingInsideACommit() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));
        engine.appendEvents(event("a", 3));

        List<? extends TrackedEventMessage<?>> rest = readAll(engine, new GlobalSequenceTrackingToken(2));

        assertThat(rest).extracting(EngineTestSupport::position).containsExactly(3L, 4L);
    }

    @Test
    void tailsInBatchesAcrossManyCommits() {
        for (int i = 0; i < 250; i++) {
            engine.appendEvents(event("a", i));
        }
        List<? extends TrackedEventMessage<?>> all = readAll(engine, null);
        assertThat(all).extracting(EngineTestSupport::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
    }

    @Test
    void loadsAnAggregateFromAnySequenceNumber() {
        engine.appendEvents(event("a", 0), event("b", 0));
        engine.appendEvents(event("a", 1), event("a", 2));
        engine.appendEvents(event("b", 1));
        engine.appendEvents(event("a", 3));

        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(engine.readEvents("a", 2).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(2L, 3L);
        assertThat(engine.readEvents("b").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
        assertThat(engine.readEvents("unknown").asStream()).isEmpty();
        assertThat(engine.lastSequenceNumberFor("a")).contains(3L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void keepsTheNewestSnapshotPerAggregate() {
        engine.storeSnapshot(new GenericDomainEventMessage<>("RefundApplication", "a", 5, new SampleEvent("a", 5, "snap")));
        engine.storeSnapshot(new GenericDomainEventMessage<>("RefundApplication", "a", 9, new SampleEvent("a", 9, "snap")));
        engine.storeSnapshot(new GenericDomainEventMessage<>("RefundApplication", "a", 7, new SampleEvent("a", 7, "older")));

        DomainEventMessage<?> snapshot = engine.readSnapshot("a").orElseThrow();

        assertThat(snapshot.getSequenceNumber()).isEqualTo(9L);
        assertThat(((SampleEvent) snapshot.getPayload()).note()).isEqualTo("snap");
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void chainsEveryCommitToThePreviousByHash() {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1), event("b", 0));
        engine.appendEvents(event("a", 2));

        List<Document> commits = store.database.getCollection(MongoCommitLogStorageEngine.COMMITS)
                .find().into(new ArrayList<>());
        commits.sort((x, y) -> Long.compare(x.getLong("_id"), y.getLong("_id")));

        String previous = CommitHasher.GENESIS;
        for (Document commit : commits) {
            assertThat(commit.getString("previousHash")).isEqualTo(previous);
            String recomputed = CommitHasher.hash(previous, commit.getLong("_id"), commit.getString("committedAt"),
                    commit.getList("events", Document.class));
            assertThat(commit.getString("hash")).isEqualTo(recomputed);
            previous = commit.getString("hash");
        }
    }

    @Test
    void anotherProcessAppendsAfterWhatIsAlreadyStored() {
        engine.appendEvents(event("a", 0));
        MongoCommitLogStorageEngine other = store.newEngine();
        other.appendEvents(event("b", 0));
        engine.appendEvents(event("a", 1)); // its cached head is stale: it must move on, not fail
        other.appendEvents(event("b", 1));

        assertThat(readAll(engine, null)).extracting(EngineTestSupport::position).containsExactly(1L, 2L, 3L, 4L);
        Document third = store.database.getCollection(MongoCommitLogStorageEngine.COMMITS).find(Filters.eq("_id", 3L)).first();
        Document second = store.database.getCollection(MongoCommitLogStorageEngine.COMMITS).find(Filters.eq("_id", 2L)).first();
        assertThat(third.getString("previousHash")).isEqualTo(second.getString("hash"));
    }

    @Test
    void headAndTailTokens() {
        assertThat(engine.createTailToken()).isNull();
        assertThat(engine.createHeadToken()).isNull();
        engine.appendEvents(event("a", 0), event("a", 1));
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
        assertThat(readAll(engine, engine.createHeadToken())).isEmpty();
    }

    @Test
    void aNewEngineFindsTheHeadOfALongLogThroughItsHint() {
        for (int i = 0; i < 200; i++) {
            engine.appendEvents(event("a", i));
        }
        MongoCommitLogStorageEngine restarted = store.newEngine();
        assertThat(restarted.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(200));
        restarted.appendEvents(event("a", 200));
        assertThat(position(readAll(restarted, new GlobalSequenceTrackingToken(199)).get(1))).isEqualTo(201L);
    }
}
