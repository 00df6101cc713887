package io.refundledger.query.common;

import com.mongodb.client.MongoDatabase;
import io.refundledger.query.common.DayBucketedList.Member;
import io.refundledger.query.common.DayBucketedList.Page;
import io.refundledger.query.refund.EventFeed;
import io.refundledger.query.testing.BatchedDelivery;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DayBucketedListTest {

    private static final String LIST = "approved";
    private static final Instant NINE = Instant.parse("2026-11-23T01:00:00Z");

    private MongoDatabase database;
    private DayBucketedList list;
    private long position;
    private final AtomicBoolean anotherWriterRan = new AtomicBoolean();

    @BeforeEach
    void emptyList() {
        database = EventFeed.freshDatabase();
        list = new DayBucketedList(database, "test_buckets", "test_summaries");
    }

    private static Member member(String id, Instant at, String amount) {
        return new Member(id, at, "RF-" + id, amount, amount == null ? null : "CNY");
    }

    private void put(String day, Member member) {
        list.put(LIST, day, member, ++position);
    }

    @Test
    void aPageRunsAcrossDaysInTimeOrderAndTheTotalsCoverTheWholeList() {
        put("2026-11-24", member("c", NINE.plusSeconds(86_400), "3.00"));
        put("2026-11-23", member("b", NINE.plusSeconds(60), "2.00"));
        put("2026-11-23", member("a", NINE, "1.00"));
        put("2026-11-25", member("d", NINE.plusSeconds(2 * 86_400), "4.00"));

        Page middle = list.page(LIST, 1, 2);

        assertThat(middle.members()).extracting(Member::id).containsExactly("b", "c");
        assertThat(middle.total()).isEqualTo(4);
        assertThat(middle.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("10.00")));
        assertThat(list.page(LIST, 3, 10).members()).extracting(Member::id).containsExactly("d");
        assertThat(list.page(LIST, 4, 10).members()).isEmpty();
    }

    @Test
    void membersWithoutASortTimeComeLast() {
        put(DayBucketedList.NO_DAY, member("undated", null, null));
        put("2026-11-23", member("dated", NINE, "1.00"));

        assertThat(list.page(LIST, 0, 10).members()).extracting(Member::id).containsExactly("dated", "undated");
    }

    @Test
    void puttingAMemberAgainOrRemovingAnAbsentOneChangesNoDocument() {
        put("2026-11-23", member("a", NINE, "1.00"));
        list.remove(LIST, "2026-11-23", "gone", position);
        List<Document> before = snapshot();

        list.put(LIST, "2026-11-23", member("a", NINE, "1.00"), position);
        list.remove(LIST, "2026-11-23", "gone", position);
        list.remove(LIST, "2026-11-24", "a", position);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUpdatedMemberReplacesItsEntryAndARemovedOneLeavesTheTotals() {
        put("2026-11-23", member("a", NINE, "5.00"));
        put("2026-11-23", member("b", NINE, "1.00"));
        put("2026-11-23", member("a", NINE, "3.50"));
        list.remove(LIST, "2026-11-23", "b", ++position);

        Page page = list.page(LIST, 0, 10);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("3.50")));
        assertThat(page.members()).extracting(Member::amount).containsExactly("3.50");
    }

    /**
     * Segments recompute the same day at once: a summary computed before another writer's change is older and must not
     * replace the newer one; the list must still name the later position, as a rebuild (one writer, in order) does. The
     * soak found the position left behind once.
     */
    @Test
    void aDaysSummaryComputedBeforeAnotherWritersChangeNeverReplacesTheNewerOneAndTheListsPositionStillMovesOn() {
        // The summaries' second bulk write is the days', after this batch read its bucket.
        DayBucketedList thisSegment = withAnotherWriterBefore("test_summaries", 2,
                other -> other.put(LIST, "2026-11-23", member("b", NINE.plusSeconds(60), "2.00"), 5));

        inOneBatch(thisSegment, segment -> segment.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 9));

        assertThat(anotherWriterRan).isTrue();
        Page page = list.page(LIST, 0, 10);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("3.00")));
        assertThat(database.getCollection("test_summaries").find(new Document("_id", LIST)).first()
                .getLong("lastAppliedPosition")).isEqualTo(9);
    }

    /**
     * The soak found this after killing the database: the claim of the finance segment lapsed while its instance was
     * still flushing an older batch, the other instance took the segment over and moved a payout from STARTED to
     * SUCCEEDED, and the late batch then put the payout back on its STARTED list.
     */
    @Test
    void aLateWriterOfAnOlderBatchPutsNoMemberBackThatALaterEventRemoved() {
        list.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);
        list.remove(LIST, "2026-11-23", "a", 2);
        List<Document> before = snapshot();

        inOneBatch(list, lateWriter -> lateWriter.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1));
        list.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(list.page(LIST, 0, 10).total()).isZero();
    }

    /**
     * The same race the other way round: the late batch read the day before the writer that took over applied the same
     * events and a later one, and writes after it. Its update must not land on what it did not read; played again on
     * what is stored, it has nothing left to do, and the day holds and counts what one writer would have made of it.
     */
    @Test
    void aBatchThatReadTheDayBeforeAnotherWriterChangedItsMemberPlaysItsChangesAgainOnWhatIsStored() {
        DayBucketedList late = withAnotherWriterBefore("test_buckets", 1, takenOver -> {
            takenOver.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);
            takenOver.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2);
            takenOver.remove(LIST, "2026-11-23", "a", 3);
        });

        inOneBatch(late, segment -> {
            segment.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);
            segment.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2);
        });

        assertThat(anotherWriterRan).isTrue();
        Page page = list.page(LIST, 0, 10);
        assertThat(page.members()).extracting(Member::id).containsExactly("b");
        assertThat(page.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("2.00")));
        Document bucket = database.getCollection("test_buckets").find(new Document("_id", LIST + "|2026-11-23")).first();
        assertThat(bucket.getInteger("version")).as("three changes, each counted once").isEqualTo(3);
        assertThat(bucket.get("positions", Document.class)).isEqualTo(new Document("a", 3L).append("b", 2L));
    }

    /** Written one change at a time or in one batch, a list ends the same, counters included. */
    @Test
    void aBatchLeavesTheDocumentsThatTheSameChangesOneAtATimeLeave() {
        List<Consumer<DayBucketedList>> changes = List.of(
                l -> l.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1),
                l -> l.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2),
                l -> l.remove(LIST, "2026-11-24", "c", 3),
                l -> l.put(LIST, "2026-11-23", member("a", NINE, "1.50"), 4),
                l -> l.remove(LIST, "2026-11-23", "b", 5),
                l -> l.remove(LIST, "2026-11-23", "never-there", 6),
                l -> l.put(LIST, "2026-11-25", member("d", NINE, null), 7),
                l -> l.remove(LIST, "2026-11-25", "d", 8),
                l -> l.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2));
        changes.forEach(change -> change.accept(list));
        List<Document> oneAtATime = snapshot();

        database = EventFeed.freshDatabase();
        list = new DayBucketedList(database, "test_buckets", "test_summaries");
        inOneBatch(list, l -> changes.forEach(change -> change.accept(l)));

        assertThat(snapshot()).isEqualTo(oneAtATime);
    }

    /**
     * RebuildEqualsLiveIT found this: in a segment's batch a member came and went on a day nobody had filed yet, and
     * another segment filed its own member there between this batch's read and its write; the batch must still
     * leave that member alone (it once set the whole bucket to empty).
     */
    @Test
    void aBatchWhoseMembersCameAndWentLeavesAnotherSegmentsMemberOfTheSameNewDay() {
        DayBucketedList thisSegment = withAnotherWriterBefore("test_buckets", 1,
                other -> other.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2));

        inOneBatch(thisSegment, segment -> {
            segment.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);
            segment.remove(LIST, "2026-11-23", "a", 3);
        });

        assertThat(anotherWriterRan).isTrue();
        Page page = list.page(LIST, 0, 10);
        assertThat(page.members()).extracting(Member::id).containsExactly("b");
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("2.00")));
    }

    @Test
    void idsWithDotsAndDollarsAreKeptAsTheyAre() {
        put("2026-11-23", member("$gt.x%2E", NINE, "1.00"));

        assertThat(list.page(LIST, 0, 10).members()).extracting(Member::id).containsExactly("$gt.x%2E");
        list.remove(LIST, "2026-11-23", "$gt.x%2E", ++position);
        assertThat(list.page(LIST, 0, 10).total()).isZero();
    }

    /**
     * This segment's list, on a database where another segment's writes run once, just before the {@code nth} bulk
     * write on {@code collection}: between this batch's reads and its writes.
     */
    private DayBucketedList withAnotherWriterBefore(String collection, int nth, Consumer<DayBucketedList> writes) {
        DayBucketedList otherSegment = new DayBucketedList(database, "test_buckets", "test_summaries");
        AtomicInteger seen = new AtomicInteger();
        MongoDatabase interleaved = BatchedDelivery.beforeEachBulkWrite(database, written -> {
            if (written.equals(collection) && seen.incrementAndGet() == nth) {
                // No batch is open on that thread: the other segment writes through.
                BatchedDelivery.onAnotherThread(() -> writes.accept(otherSegment));
                anotherWriterRan.set(true);
            }
        });
        return new DayBucketedList(interleaved, "test_buckets", "test_summaries");
    }

    /** The changes in one batch, written at its end as a processor's batch is. */
    private static void inOneBatch(DayBucketedList segment, Consumer<DayBucketedList> changes) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            ReadModelBatch batch = ReadModelBatch.open(List.of("test_buckets"));
            changes.accept(segment);
            batch.flush();
        } finally {
            ReadModelBatch.close();
            unitOfWork.commit();
        }
    }

    private List<Document> snapshot() {
        List<Document> all = new ArrayList<>();
        for (String name : list.collections()) {
            database.getCollection(name).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }
}
