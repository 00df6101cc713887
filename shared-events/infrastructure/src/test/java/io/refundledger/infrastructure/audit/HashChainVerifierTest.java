package io.refundledger.infrastructure.audit;

import io.refundledger.infrastructure.eventstore.CommitHasher;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence of the commit log, on logs the real engine wrote to the embedded server and then edited
 * behind its back through the driver, as someone with database access would.
 */
class HashChainVerifierTest {

    private final AuditTestLog log = new AuditTestLog();
    private final HashChainVerifier verifier = log.verifier();

    @AfterEach
    void dropDatabase() {
        log.close();
    }

    @Test
    void anEmptyLogIsIntactAtTheGenesisHash() {
        ChainVerification result = verifier.verifyLog();

        assertThat(result).isEqualTo(new ChainVerification(true, 0, 0, CommitHasher.GENESIS, null));
    }

    @Test
    void anUntouchedLogVerifiesToItsHead() {
        log.appendAlternating(20);
        log.append("c", 0, 5); // a commit of several events: positions 21..25
        log.append("a", 10, 1);

        ChainVerification result = verifier.verifyLog();

        assertThat(result.intact()).isTrue();
        assertThat(result.firstBrokenLink()).isNull();
        assertThat(result.commitsChecked()).isEqualTo(22);
        assertThat(result.headPosition()).isEqualTo(26);
        assertThat(result.headHash()).isEqualTo(log.commit(26).getString("hash"));
    }

    @ParameterizedTest(name = "altering {0}")
    @ValueSource(strings = {"events.0.payload", "events.0.metaData", "events.0.timestamp", "events.0.payloadType",
            "events.0.sequence", "committedAt"})
    void alteringAHashedFieldIsReportedAsAlteredAtThatCommit(String field) {
        log.appendAlternating(12);
        Document original = log.commit(7);
        Object value = field.equals("events.0.sequence") ? (Object) 99L
                : field.equals("committedAt") ? "2020-01-01T00:00:00Z"
                : field.equals("events.0.timestamp") ? "2020-01-01T00:00:00Z"
                : field.endsWith("payload") ? "{\"aggregateId\":\"b\",\"sequence\":2,\"note\":\"approved 100000.00\"}"
                : field.endsWith("metaData") ? "{\"actor\":\"someone-else\"}"
                : "io.refundledger.Forged";
        log.set(7, field, value);

        ChainVerification result = verifier.verifyLog();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenLink().kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(result.firstBrokenLink().position()).isEqualTo(7);
        assertThat(result.firstBrokenLink().expected()).isEqualTo(original.getString("hash"));
        assertThat(result.firstBrokenLink().found()).isNotEqualTo(original.getString("hash"));
        assertThat(result.commitsChecked()).isEqualTo(6);
        assertThat(result.headPosition()).isEqualTo(6);
    }

    @ParameterizedTest(name = "altering {0}")
    @ValueSource(strings = {"committedAtDate", "lastPosition", "aggregateKeys", "positions", "extraField"})
    void alteringAFieldTheHashDoesNotCoverIsStillCaughtAgainstTheHashedEvents(String field) {
        log.appendAlternating(6);
        switch (field) {
            case "committedAtDate" -> log.set(3, field, new Date(0));
            case "lastPosition" -> log.set(3, field, 4L);
            case "aggregateKeys" -> log.set(3, field, List.of("z:0"));
            case "positions" -> log.set(3, field, List.of(30L));
            default -> log.set(3, field, "smuggled");
        }

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(broken.position()).isEqualTo(3);
    }

    @Test
    void aCommitAlteredAndReHashedBreaksTheLinkFromItsSuccessor() {
        log.appendAlternating(8);
        Document commit = log.commit(4);
        List<Document> events = new ArrayList<>(commit.getList("events", Document.class));
        events.get(0).put("payload", "{\"aggregateId\":\"b\",\"sequence\":1,\"note\":\"forged\"}");
        String forgedHash = CommitHasher.hash(commit.getString("previousHash"), 4, commit.getString("committedAt"), events);
        log.set(4, "events", events);
        log.set(4, "hash", forgedHash);

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.BROKEN_CHAIN);
        assertThat(broken.position()).isEqualTo(5);
        assertThat(broken.expected()).isEqualTo(forgedHash);
        assertThat(broken.found()).isEqualTo(commit.getString("hash"));
    }

    @Test
    void deletingACommitInTheMiddleIsAGapAtItsPosition() {
        log.appendAlternating(5);
        log.append("c", 0, 3); // positions 6..8
        log.appendAlternating(4);
        log.delete(6);

        ChainVerification result = verifier.verifyLog();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenLink().kind()).isEqualTo(BreakKind.GAP);
        assertThat(result.firstBrokenLink().position()).isEqualTo(6);
        assertThat(result.firstBrokenLink().found()).isEqualTo("the next commit starts at position 9");
        assertThat(result.headPosition()).isEqualTo(5);
    }

    @Test
    void deletingACommitLongerThanTheLookupWindowIsStillAGap() {
        log.appendAlternating(3);
        log.append("c", 0, 20); // positions 4..23, longer than the verifier's window of 7
        log.appendAlternating(2);
        log.delete(4);

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.GAP);
        assertThat(broken.position()).isEqualTo(4);
        assertThat(broken.found()).isEqualTo("the next commit starts at position 24");
    }

    @Test
    void deletingTheLastCommitLeavesAShorterValidChainOnlyAKeptDigestReveals() {
        log.appendAlternating(6);
        log.delete(6);

        ChainVerification result = verifier.verifyLog();

        // Indistinguishable from a log that never had commit 6: see LogDigestsTest for how a kept digest catches it.
        assertThat(result.intact()).isTrue();
        assertThat(result.headPosition()).isEqualTo(5);
    }

    @Test
    void deletingTheNewestCommitsIsCaughtOnceTheEngineHasRecordedHowFarTheLogReached() {
        log.appendAlternating(70); // the engine records its head every 64 commits
        log.delete(70);
        log.delete(69);
        log.delete(68);
        log.delete(67);
        log.delete(66);
        log.delete(65);
        log.delete(64);

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.GAP);
        assertThat(broken.position()).isEqualTo(64);
        assertThat(broken.found()).isEqualTo("no commit from position 64");
    }

    @Test
    void aForgedCommitAppendedAtTheHeadDoesNotChain() {
        log.appendAlternating(4);
        Document last = log.commit(4);
        Document forged = forgedCommit(5, "f:0", CommitHasher.GENESIS, last.getString("committedAt"));
        log.commits.insertOne(forged);

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.BROKEN_CHAIN);
        assertThat(broken.position()).isEqualTo(5);
        assertThat(broken.expected()).isEqualTo(last.getString("hash"));
        assertThat(broken.found()).isEqualTo(CommitHasher.GENESIS);
    }

    @Test
    void aForgedCommitInsertedInTheMiddleBreaksTheLinkOfTheCommitAfterIt() {
        log.appendAlternating(6);
        // Make room at position 4: every later commit moves up by one, keeping its stored hashes.
        for (long p = 6; p >= 4; p--) {
            Document moved = renumbered(log.commit(p), p + 1);
            log.delete(p);
            log.commits.insertOne(moved);
        }
        // The forger even chains the forged commit to position 3 and hashes it correctly.
        Document forged = forgedCommit(4, "f:0", log.commit(3).getString("hash"), "2026-11-23T00:00:00Z");
        log.commits.insertOne(forged);

        BrokenLink broken = verifier.verifyLog().firstBrokenLink();

        assertThat(broken.kind()).isEqualTo(BreakKind.BROKEN_CHAIN);
        assertThat(broken.position()).isEqualTo(5);
        assertThat(broken.expected()).isEqualTo(forged.getString("hash"));
        assertThat(broken.found()).isEqualTo(log.commit(3).getString("hash"));
    }

    @Test
    void reorderingTwoCommitsBreaksTheChainWhereTheFirstOneMoved() {
        log.appendAlternating(8);
        Document fourth = log.commit(4);
        Document fifth = log.commit(5);
        log.delete(4);
        log.delete(5);
        log.commits.insertOne(renumbered(fifth, 4));
        log.commits.insertOne(renumbered(fourth, 5));

        ChainVerification result = verifier.verifyLog();

        assertThat(result.firstBrokenLink().kind()).isEqualTo(BreakKind.BROKEN_CHAIN);
        assertThat(result.firstBrokenLink().position()).isEqualTo(4);
        assertThat(result.firstBrokenLink().expected()).isEqualTo(log.commit(3).getString("hash"));
        assertThat(result.firstBrokenLink().found()).isEqualTo(fourth.getString("hash"));
        assertThat(result.headPosition()).isEqualTo(3);
    }

    @Nested
    class OneAggregate {

        @Test
        void itsUntouchedCommitsVerify() {
            log.appendAlternating(10);
            log.append("a", 5, 3);

            AggregateVerification result = verifier.verifyAggregate("a");

            assertThat(result).isEqualTo(new AggregateVerification("a", true, 6, 8, 7, null));
        }

        @Test
        void anAggregateWithNoEventsHasNothingToVerify() {
            log.appendAlternating(2);

            assertThat(verifier.verifyAggregate("nobody")).isEqualTo(new AggregateVerification("nobody", true, 0, 0, -1, null));
        }

        @Test
        void anAlteredCommitOfItsOwnIsReportedAtItsPosition() {
            log.appendAlternating(10);
            log.set(5, "events.0.payload", "{\"aggregateId\":\"a\",\"sequence\":2,\"note\":\"forged\"}");

            AggregateVerification a = verifier.verifyAggregate("a");
            AggregateVerification b = verifier.verifyAggregate("b");

            assertThat(a.intact()).isFalse();
            assertThat(a.firstBrokenLink().kind()).isEqualTo(BreakKind.ALTERED);
            assertThat(a.firstBrokenLink().position()).isEqualTo(5);
            assertThat(a.commitsChecked()).isEqualTo(2);
            assertThat(b.intact()).as("b's commits around position 5 still chain to it").isTrue();
        }

        @Test
        void anOwnCommitAlteredAndReHashedShowsInTheLinkFromTheCommitAfterIt() {
            log.appendAlternating(6);
            Document commit = log.commit(3);
            List<Document> events = new ArrayList<>(commit.getList("events", Document.class));
            events.get(0).put("metaData", "{\"actor\":\"someone-else\"}");
            log.set(3, "events", events);
            log.set(3, "hash", CommitHasher.hash(commit.getString("previousHash"), 3, commit.getString("committedAt"), events));

            BrokenLink broken = verifier.verifyAggregate("a").firstBrokenLink();

            assertThat(broken.kind()).isEqualTo(BreakKind.BROKEN_CHAIN);
            assertThat(broken.position()).isEqualTo(4);
        }

        @Test
        void aDeletedNeighbourIsAGap() {
            log.appendAlternating(6);
            log.delete(4); // b:1, right after a:1 at position 3

            BrokenLink broken = verifier.verifyAggregate("a").firstBrokenLink();

            assertThat(broken.kind()).isEqualTo(BreakKind.GAP);
            assertThat(broken.position()).isEqualTo(4);
        }

        @Test
        void aDeletedCommitOfItsOwnIsAGapInItsSequence() {
            log.appendAlternating(10);
            log.delete(5); // a:2; a:3 is at position 7

            AggregateVerification result = verifier.verifyAggregate("a");

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenLink().kind()).isEqualTo(BreakKind.GAP);
            assertThat(result.firstBrokenLink().expected()).isEqualTo("a:2");
            assertThat(result.firstBrokenLink().found()).isEqualTo("a:3");
            assertThat(result.lastSequence()).isEqualTo(1);
        }
    }

    /** A well-formed commit of one event, hashed correctly over its own content. */
    private static Document forgedCommit(long position, String aggregateKey, String previousHash, String committedAt) {
        String aggregateId = aggregateKey.substring(0, aggregateKey.indexOf(':'));
        Document event = new Document("position", position)
                .append("eventId", "forged-" + position)
                .append("aggregateType", "RefundApplication")
                .append("aggregateId", aggregateId)
                .append("sequence", 0L)
                .append("timestamp", committedAt)
                .append("payloadType", AuditTestLog.NoteAdded.class.getName())
                .append("payloadRevision", null)
                .append("payload", "{\"aggregateId\":\"" + aggregateId + "\",\"sequence\":0,\"note\":\"refund approved\"}")
                .append("metaData", "{}");
        List<Document> events = List.of(event);
        return new Document("_id", position)
                .append("lastPosition", position)
                .append("positions", List.of(position))
                .append("aggregateKeys", List.of(aggregateKey))
                .append("committedAt", committedAt)
                .append("committedAtDate", Date.from(java.time.Instant.parse(committedAt)))
                .append("previousHash", previousHash)
                .append("hash", CommitHasher.hash(previousHash, position, committedAt, events))
                .append("events", events);
    }

    /** A single-event commit moved to another position, its positions rewritten so the log looks dense. */
    private static Document renumbered(Document commit, long position) {
        Document copy = new Document(commit);
        Document event = new Document(commit.getList("events", Document.class).get(0));
        event.put("position", position);
        copy.put("_id", position);
        copy.put("lastPosition", position);
        copy.put("positions", List.of(position));
        copy.put("events", List.of(event));
        return copy;
    }
}
