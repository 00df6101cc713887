package io.refundledger.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Named lists of work (a finance queue, say) kept sorted by a time and readable a page at a time, with totals, in a
 * bounded number of documents however long a list grows:
 * <ul>
 *     <li>buckets: one document per list and business day of the members' sort time ({@code _id} =
 *     {@code list|2026-11-23}) holding those members, and a {@code version} that counts its changes;</li>
 *     <li>summaries: one document per list ({@code _id} = the list) holding per day the count and the amounts per
 *     currency, each stamped with the version of the bucket it was computed from.</li>
 * </ul>
 * A page reads the summary, then only the buckets the page falls in. Every write repeats harmlessly: a member is set
 * or removed only when that changes something, and a day's summary replaces an older one only (segments may
 * recompute the same day at once; the newest version wins whatever the order). Reads and writes are by {@code _id},
 * plus conditions on that one document. Members without a sort time go in a bucket after every day.
 */
public final class DayBucketedList {

    /** The bucket of members that have no sort time; sorts after every ISO date. */
    public static final String NO_DAY = "none";

    static final String MEMBERS = "members";
    static final String VERSION = "version";
    static final String DAYS = "days";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

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
        ReadModelBatch batch = ReadModelBatch.current();
        if (!batch.writesThrough()) {
            batch.participant(buckets, BatchedChanges::new).change(list, day, member.id(), member.toDocument(), position);
            return;
        }
        String bucket = bucketId(list, day);
        String field = MEMBERS + "." + key(member.id());
        Document entry = member.toDocument();
        updateCreatingOnce(collection(buckets), bucket, Filters.ne(field, entry), Updates.combine(
                Updates.set(field, entry), Updates.inc(VERSION, 1), Updates.max(LAST_APPLIED_POSITION, position)));
        summarise(list, day, position);
    }

    /** Takes the member off {@code list} under {@code day}, if it is there. */
    public void remove(String list, String day, String memberId, long position) {
        ReadModelBatch batch = ReadModelBatch.current();
        if (!batch.writesThrough()) {
            batch.participant(buckets, BatchedChanges::new).change(list, day, memberId, null, position);
            return;
        }
        String bucket = bucketId(list, day);
        String field = MEMBERS + "." + key(memberId);
        collection(buckets).updateOne(Filters.and(Filters.eq("_id", bucket), Filters.exists(field)), Updates.combine(
                Updates.unset(field), Updates.inc(VERSION, 1), Updates.max(LAST_APPLIED_POSITION, position)));
        summarise(list, day, position);
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
        IdLookups.findByIds(collection(buckets), ids, d -> d.get(MEMBERS, Document.class)).forEach(onDay -> {
            if (onDay != null) {
                onDay.values().forEach(m -> members.add(Member.of((Document) m)));
            }
        });
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
     * then the changed days' summaries recomputed from the buckets as stored after that. The changes are first played
     * against the buckets as they were, in order, so that what is counted (versions, positions) is what the unbatched
     * writes count: only a change that changes something moves a bucket. Each member belongs to one application, whose
     * events one segment handles, so a member's field has one writer; what segments share moves by {@code $inc} and
     * {@code $max}.
     */
    private final class BatchedChanges implements ReadModelBatch.Participant {

        private record Change(String list, String memberKey, Document member, long position) {
        }

        /** By bucket id, in the order made; a null member is a removal. */
        private final Map<String, List<Change>> changes = new LinkedHashMap<>();
        private final Map<String, String> dayOfBucket = new HashMap<>();

        void change(String list, String day, String memberId, Document member, long at) {
            String bucket = bucketId(list, day);
            changes.computeIfAbsent(bucket, b -> new ArrayList<>()).add(new Change(list, key(memberId), member, at));
            dayOfBucket.put(bucket, day);
        }

        @Override
        public void flush() {
            Map<String, Document> before = stored(changes.keySet());
            List<WriteModel<Document>> bucketWrites = new ArrayList<>();
            Map<String, Long> listPositions = new LinkedHashMap<>();
            Map<String, String> summarised = new LinkedHashMap<>();
            changes.forEach((bucket, made) -> {
                Document old = before.get(bucket);
                Document was = old == null || old.get(MEMBERS, Document.class) == null ? new Document() : old.get(MEMBERS, Document.class);
                Map<String, Document> now = new LinkedHashMap<>();
                was.forEach((k, v) -> now.put(k, (Document) v));
                boolean exists = old != null;
                int effective = 0;
                long position = 0;
                for (Change change : made) {
                    boolean changes = change.member() == null ? now.containsKey(change.memberKey())
                            : !change.member().equals(now.get(change.memberKey()));
                    if (changes) {
                        if (change.member() == null) {
                            now.remove(change.memberKey());
                        } else {
                            now.put(change.memberKey(), change.member());
                        }
                        effective++;
                        position = Math.max(position, change.position());
                    }
                    exists |= change.member() != null; // a put creates the bucket, even one that changes nothing
                    if (exists) {
                        listPositions.merge(change.list(), change.position(), Math::max);
                        summarised.put(bucket, change.list());
                    }
                }
                if (effective > 0) {
                    List<Bson> updates = new ArrayList<>();
                    made.stream().map(Change::memberKey).distinct().forEach(k -> {
                        Document after = now.get(k);
                        if (after == null && was.containsKey(k)) {
                            updates.add(Updates.unset(MEMBERS + "." + k));
                        } else if (after != null && !after.equals(was.get(k))) {
                            updates.add(Updates.set(MEMBERS + "." + k, after));
                        }
                    });
                    if (updates.isEmpty() && old == null) {
                        // Members came and went within the batch: the bucket exists, empty, as unbatched writes leave
                        // it. Only if this write creates it: another segment may have filed a member there since.
                        updates.add(Updates.setOnInsert(MEMBERS, new Document()));
                    }
                    updates.add(Updates.inc(VERSION, effective));
                    updates.add(Updates.max(LAST_APPLIED_POSITION, position));
                    bucketWrites.add(new UpdateOneModel<>(Filters.eq("_id", bucket), Updates.combine(updates),
                            new UpdateOptions().upsert(true)));
                }
            });
            ReadModelBatch.bulkUpserts(collection(buckets), bucketWrites);
            // The lists (created if new, position moved on), then each day's summary unless a newer one is there.
            List<WriteModel<Document>> lists = new ArrayList<>();
            listPositions.forEach((list, position) -> lists.add(new UpdateOneModel<>(
                    Filters.eq("_id", list), Updates.max(LAST_APPLIED_POSITION, position), new UpdateOptions().upsert(true))));
            ReadModelBatch.bulkUpserts(collection(summaries), lists);
            Map<String, Document> after = stored(summarised.keySet());
            List<WriteModel<Document>> days = new ArrayList<>();
            summarised.forEach((bucket, list) -> {
                Document stored = after.get(bucket);
                if (stored != null) {
                    String day = dayOfBucket.get(bucket);
                    days.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", list), notOlderThan(day, versionOf(stored))),
                            setSummary(day, summaryOf(day, stored), versionOf(stored))));
                }
            });
            if (!days.isEmpty()) {
                collection(summaries).bulkWrite(days, new BulkWriteOptions().ordered(false));
            }
        }

        private Map<String, Document> stored(Collection<String> bucketIds) {
            Map<String, Document> found = new HashMap<>();
            IdLookups.inSlices(bucketIds, ids -> collection(buckets).find(Filters.in("_id", ids))
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

    /** Recomputes the day's summary from what its bucket holds now, and keeps it unless a newer one is there. */
    private void summarise(String list, String day, long position) {
        Document bucket = collection(buckets).find(Filters.eq("_id", bucketId(list, day))).first();
        if (bucket == null) {
            return;
        }
        keepSummary(list, day, summaryOf(day, bucket), versionOf(bucket), position);
    }

    /** Stores the summary computed from {@code version} of the day, unless one from that version or a later one is there. */
    void keepSummary(String list, String day, DaySummary summary, long version, long position) {
        boolean kept = updateCreatingOnce(collection(summaries), list, notOlderThan(day, version),
                Updates.combine(setSummary(day, summary, version), Updates.max(LAST_APPLIED_POSITION, position)));
        if (!kept) {
            // A writer on another segment stored a summary of a later version, which counts this change too; the
            // position it names may still be lower than this one, so the list's position must move on regardless.
            collection(summaries).updateOne(Filters.eq("_id", list), Updates.max(LAST_APPLIED_POSITION, position));
        }
    }

    /**
     * Updates document {@code id} when it matches {@code condition}; when nothing matched (the document may not be
     * there yet), makes sure it exists and tries once more. A conditional update cannot upsert: a document that exists
     * but does not match would be inserted twice. One write when the document exists and the update applies.
     */
    private static boolean updateCreatingOnce(MongoCollection<Document> collection, String id, Bson condition, Bson update) {
        Bson filter = Filters.and(Filters.eq("_id", id), condition);
        if (collection.updateOne(filter, update).getMatchedCount() > 0) {
            return true;
        }
        ensureExists(collection, id);
        return collection.updateOne(filter, update).getMatchedCount() > 0;
    }

    private static void ensureExists(MongoCollection<Document> collection, String id) {
        Bson created = Updates.setOnInsert(LAST_APPLIED_POSITION, 0L);
        try {
            collection.updateOne(Filters.eq("_id", id), created, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created it between our lookup and insert: it exists, which is all this asks.
        }
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
