package io.refundledger.query.rebuild;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.query.refund.RefundProgressStore;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class ReadModelGenerationsTest {

    private final ReadModelGenerations generations = new ReadModelGenerations(new ReadModelOwners(Map.of(
            "refund-progress", List.of("refund_progress", "refund_progress_by_order"),
            "audit-history", List.of("audit_history"))));

    @Test
    void generationZeroIsThePlainNameAndLaterOnesCarryTheirNumber() {
        assertThat(ReadModelGenerations.physicalName("refund_progress", 0)).isEqualTo("refund_progress");
        assertThat(ReadModelGenerations.physicalName("refund_progress", 12)).isEqualTo("refund_progress__g12");
        assertThat(ReadModelGenerations.logicalName("refund_progress__g12")).isEqualTo("refund_progress");
        assertThat(ReadModelGenerations.logicalName("refund_progress")).isEqualTo("refund_progress");
        assertThat(ReadModelGenerations.generationOf("refund_progress__g12")).isEqualTo(12);
        assertThat(ReadModelGenerations.generationOf("refund_progress")).isZero();
        assertThat(ReadModelGenerations.tokenName("refund-progress", 0)).isEqualTo("refund-progress");
        assertThat(ReadModelGenerations.tokenName("refund-progress", 3)).isEqualTo("refund-progress@g3");
        assertThat(ReadModelGenerations.processorOf("refund-progress@g3")).isEqualTo("refund-progress");
        assertThat(ReadModelGenerations.processorOf("refund-progress")).isEqualTo("refund-progress");
        assertThat(ReadModelGenerations.processorOf("team@gateway")).isEqualTo("team@gateway");
        assertThat(ReadModelGenerations.processorOf("odd@g")).isEqualTo("odd@g");
        assertThat(ReadModelGenerations.generationOfToken("refund-progress@g3")).isEqualTo(3);
        assertThat(ReadModelGenerations.generationOfToken("refund-progress")).isZero();
    }

    @Test
    void queriesReadTheActiveGenerationOfEachReadModelAndOtherCollectionsAsNamed() {
        generations.activate("refund-progress", 2);

        assertThat(generations.resolve("refund_progress")).isEqualTo("refund_progress__g2");
        assertThat(generations.resolve("refund_progress_by_order")).isEqualTo("refund_progress_by_order__g2");
        assertThat(generations.resolve("audit_history")).isEqualTo("audit_history");
        assertThat(generations.resolve("commits")).isEqualTo("commits");
    }

    @Test
    void aPinnedThreadWritesItsGenerationUntilThePinIsClosedAndInnerPinsRestoreTheOuterOne() {
        generations.activate("refund-progress", 1);

        try (ReadModelGenerations.Pin outer = generations.pin("refund-progress", 2)) {
            assertThat(generations.isPinned("refund-progress")).isTrue();
            try (ReadModelGenerations.Pin inner = generations.pin("refund-progress", 3)) {
                assertThat(generations.resolve("refund_progress")).isEqualTo("refund_progress__g3");
            }
            assertThat(generations.resolve("refund_progress")).isEqualTo("refund_progress__g2");
            assertThat(generations.resolve("audit_history")).as("other read models are not pinned").isEqualTo("audit_history");
        }
        assertThat(generations.isPinned("refund-progress")).isFalse();
        assertThat(generations.resolve("refund_progress")).isEqualTo("refund_progress__g1");
    }

    @Test
    void theLiveProcessorKeepsItsTokensUnderTheGenerationItProcessesAndRebuildsUnderTheirOwnName() {
        InMemoryTokenStore raw = new InMemoryTokenStore();
        GenerationalTokenStore tokens = new GenerationalTokenStore(raw, generations);
        raw.initializeTokenSegments("refund-progress", 1, new GlobalSequenceTrackingToken(10));
        raw.initializeTokenSegments("refund-progress@g1", 1, new GlobalSequenceTrackingToken(20));
        raw.initializeTokenSegments("notifications", 1, new GlobalSequenceTrackingToken(30));

        assertThat(tokens.fetchToken("refund-progress", 0)).isEqualTo(new GlobalSequenceTrackingToken(10));
        tokens.releaseClaim("refund-progress", 0);
        generations.process("refund-progress", 1);
        assertThat(tokens.fetchToken("refund-progress", 0)).isEqualTo(new GlobalSequenceTrackingToken(20));
        assertThat(tokens.fetchToken("refund-progress@g1", 0)).isEqualTo(new GlobalSequenceTrackingToken(20));
        assertThat(tokens.fetchToken("notifications", 0)).isEqualTo(new GlobalSequenceTrackingToken(30));
        tokens.storeToken(new GlobalSequenceTrackingToken(21), "refund-progress", 0);
        assertThat(raw.fetchToken("refund-progress@g1", 0)).isEqualTo(new GlobalSequenceTrackingToken(21));
        assertThat(raw.fetchToken("refund-progress", 0)).as("generation 0's token is left alone")
                .isEqualTo(new GlobalSequenceTrackingToken(10));
    }

    @Test
    void theStoresDatabaseHandsOutTheCollectionOfTheGenerationInForce() {
        MongoDatabase real = mock(MongoDatabase.class);
        MongoDatabase database = GenerationalDatabase.wrap(real, () -> generations);
        generations.activate("refund-progress", 4);

        database.getCollection("refund_progress");
        database.getCollection("commits");

        verify(real).getCollection("refund_progress__g4");
        verify(real).getCollection("commits");
        assertThat(GenerationalDatabase.raw(database)).isSameAs(real);
    }

    /** A read model is durable up to its processor's token, so its writes need not wait for the journal each. */
    @Test
    void readModelCollectionsWriteWithoutWaitingForTheJournalAndOtherCollectionsAsConfigured() {
        // The driver connects lazily: handing out collections needs no server.
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:1/?w=majority")) {
            MongoDatabase database = GenerationalDatabase.wrap(client.getDatabase("ledger"), () -> generations);

            assertThat(database.getCollection("refund_progress").getWriteConcern())
                    .isEqualTo(WriteConcern.MAJORITY.withJournal(false));
            assertThat(database.getCollection("commits").getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
            assertThat(database.getCollection("tokens").getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
        }
    }

    @Test
    void aCollectionBelongsToOneProcessorAndEveryQuerySideReadModelHasOne() {
        assertThatThrownBy(() -> new ReadModelOwners(Map.of("a", List.of("shared"), "b", List.of("shared"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared");
        ReadModelOwners querySide = ReadModelOwners.ofTheQuerySide();
        assertThat(querySide.owners()).hasSize(9);
        assertThat(querySide.ownerOf(RefundProgressStore.PROGRESS)).contains("refund-progress");
    }
}
