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

import static org.assertj.core.api.Assertions.assertThat;

class DayBucketedListTest {

    private static final String LIST = "approved";
    private static final Instant NINE = Instant.parse("2026-11-23T01:00:00Z");

    private MongoDatabase database;
    private DayBucketedList list;
    private long position;

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

    @Test
    void aDaysSummaryComputedBeforeALaterChangeNeverReplacesTheNewerOne() {
        put("2026-11-23", member("a", NINE, "1.00"));
        put("2026-11-23", member("b", NINE.plusSeconds(60), "2.00"));

        // A segment that read the day before the second member came writes its summary last.
        list.keepSummary(LIST, "2026-11-23", new DayBucketedList.DaySummary("2026-11-23", 1, Map.of("CNY", 1),
                Map.of("CNY", new BigDecimal("1.00"))), 1, position);

        Page page = list.page(LIST, 0, 10);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.amounts()).isEqualTo(Map.of("CNY", new BigDecimal("3.00")));
    }

    /**
     * The soak found this: a segment's summary of an older version is rightly not kept, but the list must still name
     * that segment's later position, as a rebuild (one writer, in order) does.
     */
    @Test
    void aSummaryNotKeptStillMovesTheListsPositionOn() {
        put("2026-11-23", member("a", NINE, "1.00"));
        put("2026-11-23", member("b", NINE.plusSeconds(60), "2.00"));

        list.keepSummary(LIST, "2026-11-23", new DayBucketedList.DaySummary("2026-11-23", 1, Map.of("CNY", 1),
                Map.of("CNY", new BigDecimal("1.00"))), 1, position + 5);

        assertThat(database.getCollection("test_summaries").find(new org.bson.Document("_id", LIST)).first()
                .getLong("lastAppliedPosition")).isEqualTo(position + 5);
        assertThat(list.page(LIST, 0, 10).total()).isEqualTo(2);
    }

    /**
     * RebuildEqualsLiveIT found this: in a segment's batch a member came and went on a day nobody had filed yet, and
     * another segment filed its own member there between this batch's read and its write; the batch must still
     * leave that member alone (it once set the whole bucket to empty).
     */
    @Test
    void aBatchWhoseMembersCameAndWentLeavesAnotherSegmentsMemberOfTheSameNewDay() throws Exception {
        DayBucketedList otherSegment = new DayBucketedList(database, "test_buckets", "test_summaries");
        AtomicBoolean filed = new AtomicBoolean();
        MongoDatabase interleaved = BatchedDelivery.beforeEachBulkWrite(database, collection -> {
            if (collection.equals("test_buckets") && filed.compareAndSet(false, true)) {
                Thread writer = new Thread(() -> otherSegment.put(LIST, "2026-11-23", member("b", NINE, "2.00"), 2));
                writer.start();
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        DayBucketedList thisSegment = new DayBucketedList(interleaved, "test_buckets", "test_summaries");

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            ReadModelBatch batch = ReadModelBatch.open(List.of("test_buckets"));
            thisSegment.put(LIST, "2026-11-23", member("a", NINE, "1.00"), 1);
            thisSegment.remove(LIST, "2026-11-23", "a", 3);
            batch.flush();
        } finally {
            ReadModelBatch.close();
            unitOfWork.commit();
        }

        assertThat(filed).isTrue();
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

    private List<Document> snapshot() {
        List<Document> all = new ArrayList<>();
        for (String name : list.collections()) {
            database.getCollection(name).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }
}
