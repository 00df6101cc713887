package io.refundledger.query.common;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.rebuild.GenerationalDatabase;
import io.refundledger.query.rebuild.ReadModelGenerations;
import io.refundledger.query.rebuild.ReadModelOwners;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.BatchedDelivery;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch written in stages: the collections of a stage at once, the next stage only after all of them, a failure
 * anywhere in a stage stops the flush there, and the stage writers write the generation the batch's thread writes.
 */
class ReadModelBatchStagesTest {

    private static final List<List<String>> STAGES = List.of(List.of("side_a", "side_b"), List.of("views"));

    private UnitOfWork<?> unitOfWork;

    @AfterEach
    void endUnitOfWork() {
        if (unitOfWork != null && unitOfWork.isActive()) {
            unitOfWork.rollback();
        }
    }

    @Test
    void theCollectionsOfAStageAreWrittenAtOnceAndTheNextStageOnlyAfterAllOfThem() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> written = ConcurrentHashMap.newKeySet();
        Map<String, Boolean> sawTheOtherStart = new ConcurrentHashMap<>();
        MongoDatabase database = BatchedDelivery.beforeEachBulkWrite(EventFeed.freshDatabase(), collection -> {
            if (collection.startsWith("side_")) {
                bothStarted.countDown();
                // Written one after the other, the first would wait here in vain.
                sawTheOtherStart.put(collection, await(bothStarted));
            } else {
                assertThat(written).as("the views' stage starts after every side collection is written")
                        .containsExactlyInAnyOrder("side_a", "side_b");
            }
            written.add(collection);
        });

        ReadModelBatch batch = openBatch();
        putOneIntoEach(batch, database);
        batch.flush();

        assertThat(sawTheOtherStart).containsExactlyInAnyOrderEntriesOf(Map.of("side_a", true, "side_b", true));
        assertThat(written).containsExactlyInAnyOrder("side_a", "side_b", "views");
        assertThat(database.getCollection("views").countDocuments()).isEqualTo(1);
    }

    @Test
    void aFailureInAStageIsThrownOnceItsOtherWritersAreDoneAndNothingOfTheLaterStagesIsWritten() {
        Set<String> finished = ConcurrentHashMap.newKeySet();
        MongoDatabase real = EventFeed.freshDatabase();
        MongoDatabase database = BatchedDelivery.beforeEachBulkWrite(real, collection -> {
            if (collection.equals("side_b")) {
                throw new IllegalStateException("injected crash before side_b");
            }
            sleep(); // the other writer of the stage is still busy when side_b fails
            finished.add(collection);
        });

        ReadModelBatch batch = openBatch();
        putOneIntoEach(batch, database);

        assertThatThrownBy(batch::flush).hasMessageContaining("injected crash before side_b");
        assertThat(finished).as("side_a's writer was awaited").containsExactly("side_a");
        assertThat(real.getCollection("side_a").countDocuments()).isEqualTo(1);
        assertThat(real.getCollection("side_b").countDocuments()).isZero();
        assertThat(real.getCollection("views").countDocuments()).as("the stage after a failure").isZero();
    }

    @Test
    void stageWritersWriteTheGenerationPinnedOnTheBatchesThread() {
        ReadModelGenerations generations = new ReadModelGenerations(new ReadModelOwners(Map.of(
                "stages", List.of("side_a", "side_b", "views"))));
        MongoDatabase real = EventFeed.freshDatabase();
        MongoDatabase database = GenerationalDatabase.wrap(real, () -> generations);

        try (ReadModelGenerations.Pin ignored = generations.pin("stages", 1)) {
            ReadModelBatch batch = openBatch();
            // Participants look their collection up as they flush, on whichever thread writes their stage.
            batch.participant("side_a", () -> inserting(database, "side_a"));
            batch.participant("side_b", () -> inserting(database, "side_b"));
            batch.put(database.getCollection("views"), "v1", new Document("_id", "v1").append("lastAppliedPosition", 1L));
            batch.flush();
        }

        for (String name : List.of("side_a", "side_b", "views")) {
            assertThat(real.getCollection(name + "__g1").countDocuments()).as(name + " in generation 1").isEqualTo(1);
            assertThat(real.getCollection(name).countDocuments()).as(name + " in generation 0").isZero();
        }
    }

    private ReadModelBatch openBatch() {
        unitOfWork = DefaultUnitOfWork.startAndGet(null);
        return ReadModelBatch.open(STAGES);
    }

    private static void putOneIntoEach(ReadModelBatch batch, MongoDatabase database) {
        for (String name : List.of("side_a", "side_b", "views")) {
            batch.put(database.getCollection(name), name + "-1", new Document("_id", name + "-1").append("lastAppliedPosition", 1L));
        }
    }

    private static ReadModelBatch.Participant inserting(MongoDatabase database, String name) {
        Consumer<String> insert = id -> database.getCollection(name).insertOne(new Document("_id", id));
        return () -> insert.accept(name + "-1");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
