package io.refundledger.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Named lists of work (a finance queue, say) kept sorted by a time and readable a page at a time, with totals, in a
 * bounded number of documents however long a list grows:
 * <ul>
 *     <li>buckets: one document per list and business day of the members' sort time ({@code _id} =
 *     {@code list|2026-11-23}) holding those members, per member the position of the last event that changed it
 *     there (kept after it left), and a {@code version} that counts the changes of its members;</li>
 *     <li>summaries: one document per list ({@code _id} = the list) holding per day the count and the amounts per
 *     currency, each stamped with the version of the bucket it was computed from.</li>
 * </ul>
 * A page reads the summary, then only the buckets the page falls in. Every write repeats harmlessly: a member is set
 * or removed only by an event newer than the last one that changed it there, and a day's summary replaces an older
 * one only (segments may recompute the same day at once; the newest version wins whatever the order). Reads and writes are by {@code _id},
 * plus conditions on that one document. Members without a sort time go in a bucket after every day.
 */
public final class DayBucketedList {

    /** The bucket of members that have no sort time; sorts after every ISO date. */
    public static final String NO_DAY = "none";

    static final String MEMBERS = "members";
    static final String VERSION = "version";
    static final String DAYS = "days";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";
    static final String POSITIONS = "positions";

    /** Earliest first, then by the tie-breaker (an application number), then by id. */
    public static final Comparator<Member> IN_ORDER = Comparator
            .comparing(Member::sortAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Member::tieBreaker, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Member::id);

    private final MongoDatabase database;
    private final String buckets;
    private final String summaries;

    public DayBucketedList(MongoDatabase database, String bucketsCollection, String summariesCollection) {
        this.database = database;
        this.buckets = bucketsCollection;
        this.summaries = summariesCollection;
    }

    /**
     * One entry of a list.
     *
     * @param sortAt     what the list is sorted by (oldest first), or null
     * @param tieBreaker orders members with the same time
     * @param amount     counted in the list's totals per currency, or null
     * @param currency   the amount's currency
     */
    public record Member(String id, Instant sortAt, String tieBreaker, String amount, String currency) {

        Document toDocument() {
            Document d = new Document("id", id).append("sortAt", sortAt == null ? null : sortAt.toString())
                    .append("tieBreaker", tieBreaker);
            if (amount != null) {
                d.append("amount", amount).append("currency", currency);
            }
            return d;
        }

        static Member of(Document d) {
            String at = d.getString("sortAt");
            return new Member(d.getString("id"), at == null ? null : Instant.parse(at), d.getString("tieBreaker"),
                    d.getString("amount"), d.getString("currency"));
        }
    }

    /** A day's share of a list: its members, and per currency how many have an amount in it and their sum. */
    public record DaySummary(String day, int count, Map<String, Integer> counts, Map<String, BigDecimal> amounts) {
    }

    /** One page of a list, and what the whole list holds. */
    public record Page(int total, Map<String, BigDecimal> amounts, List<Member> members) {
    }

    /** Puts the member on {@code list} under {@code day}, or updates it there. */
    public void put(String list, String day, Member member, long position) {
        change(list, day, member.id(), member.toDocument(), position);
    }

    /** Takes the member off {@code list} under {@code day}, if it is there. */
    public void remove(String list, String day, String memberId, long position) {
        change(list, day, memberId, null, position);
    }

    /** Outside a batch, a change is written as a batch of one. */
    private void change(String list, String day, String memberId, Document member, long position) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (batch.writesThrough()) {
            BatchedChanges alone = new BatchedChanges();
            alone.change(list, day, memberId, member, position);
            alone.flush();
        } else {
            batch.participant(buckets, BatchedChanges::new).change(list, day, memberId, member, position);
        }
    }

    /** Every day of the list that has (or had) members, in order. */
    public List<DaySummary> summary(String list) {
        Document summary = collection(summaries).find(Filters.eq("_id", list)).first();
        Document perDay = summary == null ? null : summary.get(DAYS, Document.class);
        if (perDay == null) {
            return List.of();
        }
        List<DaySummary> days = new ArrayList<>();
        new TreeMap<>(perDay).forEach((day, value) -> {
            Document d = (Document) value;
            Map<String, BigDecimal> amounts = new TreeMap<>();
            Document stored = d.get("amounts", Document.class);
            if (stored != null) {
                stored.forEach((currency, amount) -> amounts.put(currency, new BigDecimal((String) amount)));
            }
            Map<String, Integer> counts = new TreeMap<>();
            Document storedCounts = d.get("counts", Document.class);
            if (storedCounts != null) {
                storedCounts.forEach((currency, n) -> counts.put(currency, ((Number) n).intValue()));
            }
            days.add(new DaySummary(day, d.getInteger("count", 0), counts, amounts));
        });
        return days;
    }

    /** Members {@code offset} to {@code offset + limit} of the list in {@link #IN_ORDER}, with the list's totals. */
    public Page page(String list, int offset, int limit) {
        return page(Map.of(list, summary(list)), day -> true, offset, limit);
    }

    /** The summaries of several lists, by list. */
    public Map<String, List<DaySummary>> summaries(Collection<String> lists) {
        Map<String, List<DaySummary>> summaries = new LinkedHashMap<>();
        lists.forEach(list -> summaries.put(list, summary(list)));
        return summaries;
    }

    /**
     * Members {@code offset} to {@code offset + limit} of several lists taken together, on the days {@code onDay}
     * accepts, in {@link #IN_ORDER}, with their totals; {@code summaries} as {@link #summaries} gave them.
     */
    public Page page(Map<String, List<DaySummary>> summaries, Predicate<String> onDay, int offset, int limit) {
        SortedMap<String, Integer> perDay = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        summaries.values().forEach(days -> days.stream().filter(d -> onDay.test(d.day())).forEach(d -> {
            perDay.merge(d.day(), d.count(), Integer::sum);
            d.amounts().forEach((currency, amount) -> amounts.merge(currency, amount, BigDecimal::add));
        }));
        int total = 0;
        int before = 0;
        List<String> pageDays = new ArrayList<>();
        for (Map.Entry<String, Integer> day : perDay.entrySet()) {
            int count = day.getValue();
            if (count > 0 && total + count > offset && total < offset + limit) {
                if (pageDays.isEmpty()) {
                    before = total;
                }
                pageDays.add(day.getKey());
            }
            total += count;
        }
        List<Member> members = new ArrayList<>();
        if (!pageDays.isEmpty()) {
            summaries.keySet().forEach(list -> members.addAll(membersOn(list, pageDays)));
        }
        List<Member> page = members.stream().sorted(IN_ORDER).skip(Math.max(0, offset - before)).limit(limit).toList();
        return new Page(total, amounts, page);
    }

    /** The members of those days of the list, in no particular order. */
    public List<Member> membersOn(String list, Collection<String> days) {
        List<Member> members = new ArrayList<>();
        List<String> ids = days.stream().map(day -> bucketId(list, day)).toList();
        // Not the positions: they remember every member that ever was on the day.
        IdLookups.inSlices(ids, slice -> collection(buckets).find(Filters.in("_id", slice)).projection(Projections.include(MEMBERS))
                .forEach(bucket -> {
                    Document onDay = bucket.get(MEMBERS, Document.class);
                    if (onDay != null) {
                        onDay.values().forEach(m -> members.add(Member.of((Document) m)));
                    }
                }));
        return members;
    }

    /** For a replay. */
    public void deleteAll() {
        collection(buckets).drop();
        collection(summaries).drop();
    }

    public List<String> collections() {
        return List.of(buckets, summaries);
    }

    /**
     * A batch's changes to the lists, written at its end: per bucket one update holding the net change of its members,
     * then the changed days' summaries recomputed from the buckets as stored after that.
     *
     * <p>A member belongs to one application, whose events one segment handles, so its field has one writer, but not
     * always only one: when a claim lapses (the database was down, say), the instance that held it may still be writing
     * an older batch while the instance that took the segment over writes the same events and later ones. So a bucket
     * keeps, per member, the position of the last change it applied ({@code positions}, kept after a removal), drops a
     * change that is not newer, and takes a batch's update only if the positions of the members it changes are still
     * those the batch read; otherwise the bucket is read again and the changes played again. What is counted (a
     * version per change of the members, positions) is then what one writer applying each event once, in order,
     * counts: a rebuild. What segments share moves by {@code $inc} and {@code $max}.
     */
    private final class BatchedChanges implements ReadModelBatch.Participant {

        private record Change(String memberKey, Document member, long position) {
        }

        /** A bucket's changes, in the order made. */
        private record Bucket(String list, String day, List<Change> made) {
        }

        /**
         * A bucket's update (null: none is due), on the condition that its members are as read; {@code creates}: the
         * bucket was not there; {@code counted}: the latest position of a change the list counts, 0 if none.
         */
        private record Plan(Bson filter, Bson update, boolean creates, long counted) {
        }

        /** By bucket id; a null member is a removal. */
        private final Map<String, Bucket> changes = new LinkedHashMap<>();

        void change(String list, String day, String memberId, Document member, long at) {
            changes.computeIfAbsent(bucketId(list, day), b -> new Bucket(list, day, new ArrayList<>()))
                    .made().add(new Change(key(memberId), member, at));
        }

        @Override
        public void flush() {
            Map<String, Document> before = stored(changes.keySet(), null);
            List<WriteModel<Document>> bucketWrites = new ArrayList<>();
            Map<String, Long> listPositions = new LinkedHashMap<>();
            Map<String, Bucket> summarised = new LinkedHashMap<>();
            changes.forEach((bucket, made) -> {
                Plan plan = plan(bucket, before.get(bucket), made.made());
                if (plan.update() != null) {
                    bucketWrites.add(new UpdateOneModel<>(plan.filter(), plan.update(), new UpdateOptions().upsert(plan.creates())));
                }
                if (plan.counted() > 0) {
                    listPositions.merge(made.list(), plan.counted(), Math::max);
                    summarised.put(bucket, made);
                }
            });
            if (!allApplied(bucketWrites)) {
                changes.forEach(this::writeAlone);
            }
            // The lists (created if new, position moved on), then each day's summary unless a newer one is there.
            List<WriteModel<Document>> lists = new ArrayList<>();
            listPositions.forEach((list, position) -> lists.add(new UpdateOneModel<>(
                    Filters.eq("_id", list), Updates.max(LAST_APPLIED_POSITION, position), new UpdateOptions().upsert(true))));
            ReadModelBatch.bulkUpserts(collection(summaries), lists);
            Map<String, Document> after = stored(summarised.keySet(), Projections.include(MEMBERS, VERSION));
            List<WriteModel<Document>> days = new ArrayList<>();
            summarised.forEach((bucket, made) -> {
                Document stored = after.get(bucket);
                if (stored != null) {
                    String day = made.day();
                    days.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", made.list()), notOlderThan(day, versionOf(stored))),
                            setSummary(day, summaryOf(day, stored), versionOf(stored))));
                }
            });
            if (!days.isEmpty()) {
                collection(summaries).bulkWrite(days, new BulkWriteOptions().ordered(false));
            }
        }

        /**
         * The changes of {@code made} played in order against the bucket as read ({@code old}, null: not there). A
         * change not newer than the last one its member saw there was applied already (by this batch delivered before,
         * or by another writer) and is dropped, but counts for the list's position. A removal of a member that is not
         * there leaves no trace and does not count: whether its day exists yet depends on other segments' timing, and a
         * rebuild must leave what the live model has.
         */
        private Plan plan(String bucket, Document old, List<Change> made) {
            Document was = old == null || old.get(MEMBERS) == null ? new Document() : old.get(MEMBERS, Document.class);
            Document wasAt = old == null || old.get(POSITIONS) == null ? new Document() : old.get(POSITIONS, Document.class);
            Map<String, Document> now = new HashMap<>();
            was.forEach((k, v) -> now.put(k, (Document) v));
            Map<String, Long> at = new HashMap<>();
            wasAt.forEach((k, v) -> at.put(k, ((Number) v).longValue()));
            Set<String> touched = new LinkedHashSet<>();
            int altered = 0;
            long position = 0;
            long counted = 0;
            for (Change change : made) {
                String k = change.memberKey();
                Long last = at.get(k);
                if (last != null && change.position() <= last) {
                    counted = Math.max(counted, change.position());
                    continue;
                }
                if (change.member() == null && !now.containsKey(k)) {
                    continue;
                }
                altered += change.member() == null || !change.member().equals(now.get(k)) ? 1 : 0;
                if (change.member() == null) {
                    now.remove(k);
                } else {
                    now.put(k, change.member());
                }
                at.put(k, change.position());
                touched.add(k);
                position = Math.max(position, change.position());
                counted = Math.max(counted, change.position());
            }
            if (touched.isEmpty()) {
                return new Plan(null, null, false, counted);
            }
            List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("_id", bucket)));
            List<Bson> updates = new ArrayList<>();
            boolean setsMembers = false;
            for (String k : touched) {
                Object readAt = wasAt.get(k);
                conditions.add(readAt == null ? Filters.exists(POSITIONS + "." + k, false) : Filters.eq(POSITIONS + "." + k, readAt));
                Document member = now.get(k);
                if (member == null && was.containsKey(k)) {
                    updates.add(Updates.unset(MEMBERS + "." + k));
                } else if (member != null && !member.equals(was.get(k))) {
                    updates.add(Updates.set(MEMBERS + "." + k, member));
                    setsMembers = true;
                }
                updates.add(Updates.set(POSITIONS + "." + k, at.get(k)));
            }
            if (old == null && !setsMembers) {
                // Members came and went within the batch: the bucket exists, empty, as a change at a time leaves it.
                // Only if this write creates it: another segment may have filed a member there since.
                updates.add(Updates.setOnInsert(MEMBERS, new Document()));
            }
            if (altered > 0) {
                updates.add(Updates.inc(VERSION, altered));
            }
            updates.add(Updates.max(LAST_APPLIED_POSITION, position));
            return new Plan(Filters.and(conditions), Updates.combine(updates), old == null, counted);
        }

        /** Whether every update found its bucket as read, or created it; false when another writer came in between. */
        private boolean allApplied(List<WriteModel<Document>> writes) {
            if (writes.isEmpty()) {
                return true;
            }
            try {
                BulkWriteResult result = collection(buckets).bulkWrite(writes, new BulkWriteOptions().ordered(false));
                return result.getMatchedCount() + result.getUpserts().size() == writes.size();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                        .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                    throw e;
                }
                return false; // a bucket this batch was to create had been created by another writer
            }
        }

        /** Reads the bucket and writes what of {@code made} it has not applied, until no other writer comes in between. */
        private void writeAlone(String bucket, Bucket made) {
            MongoCollection<Document> collection = collection(buckets);
            while (true) {
                Plan plan = plan(bucket, collection.find(Filters.eq("_id", bucket)).first(), made.made());
                if (plan.update() == null) {
                    return;
                }
                try {
                    UpdateResult result = collection.updateOne(plan.filter(), plan.update(), new UpdateOptions().upsert(plan.creates()));
                    if (result.getMatchedCount() > 0 || result.getUpsertedId() != null) {
                        return;
                    }
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        }

        private Map<String, Document> stored(Collection<String> bucketIds, Bson projection) {
            Map<String, Document> found = new HashMap<>();
            IdLookups.inSlices(bucketIds, ids -> collection(buckets).find(Filters.in("_id", ids)).projection(projection)
                    .forEach(d -> found.put(d.getString("_id"), d)));
            return found;
        }
    }

    private static long versionOf(Document bucket) {
        Object changes = bucket.get(VERSION);
        return changes == null ? 0 : ((Number) changes).longValue();
    }

    /** A day's summary from what its bucket holds. */
    private static DaySummary summaryOf(String day, Document bucket) {
        Document members = bucket.get(MEMBERS, Document.class);
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        int count = 0;
        if (members != null) {
            for (Object value : members.values()) {
                Member member = Member.of((Document) value);
                count++;
                if (member.amount() != null) {
                    amounts.merge(member.currency(), new BigDecimal(member.amount()), BigDecimal::add);
                    counts.merge(member.currency(), 1, Integer::sum);
                }
            }
        }
        return new DaySummary(day, count, counts, amounts);
    }

    private static Bson notOlderThan(String day, long version) {
        return Filters.not(Filters.gte(DAYS + "." + day + "." + VERSION, version));
    }

    private static Bson setSummary(String day, DaySummary summary, long version) {
        Document amounts = new Document();
        new TreeMap<>(summary.amounts()).forEach((currency, amount) -> amounts.append(currency, amount.toPlainString()));
        Document counts = new Document();
        new TreeMap<>(summary.counts()).forEach(counts::append);
        return Updates.set(DAYS + "." + day, new Document("count", summary.count()).append("counts", counts)
                .append("amounts", amounts).append(VERSION, version));
    }

    static String bucketId(String list, String day) {
        return list + "|" + day;
    }

    /** Field names may hold neither dots nor a leading dollar; ids are escaped the way URLs are. */
    static String key(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }
}
