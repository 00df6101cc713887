package io.refundledger.query.testing;

import com.mongodb.client.MongoDatabase;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.query.admin.QueryInstances;
import io.refundledger.query.audit.AuditAccessLog;
import io.refundledger.query.rebuild.GenerationRecords;
import io.refundledger.query.rebuild.GenerationalDatabase;
import io.refundledger.query.rebuild.ReadModelGenerations;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Read models compared document by document: a fingerprint of every document of every read-model collection, and the
 * differences between two such sets (a live model and a rebuild of it). One difference is legitimate: index documents
 * that several segments grow with {@code $addToSet} keep their entries in arrival order, which is not deterministic
 * across segments, and so do documents used as maps that grow by {@code $set} of new keys (day buckets and their
 * summaries); documents that differ only in the order of such string lists or keys are counted, and pass. Change
 * counters (a day bucket's {@code version}) must be equal: a change counted twice is an event applied twice.
 */
public final class ReadModelFingerprints {

    /**
     * Written by no projection: the event store, the token store, the audit access log, the key vault, the
     * query-side instances' heartbeats (state of the running instances, not derived from events) and the read models'
     * generations.
     */
    public static final Set<String> NOT_READ_MODELS = Set.of(MongoCommitLogStorageEngine.COMMITS,
            MongoCommitLogStorageEngine.SNAPSHOTS, MongoCommitLogStorageEngine.HEAD_HINTS, "trackingtokens",
            "domainevents", "snapshotevents", "sagas", "deadletters", AuditAccessLog.LOG, AuditAccessLog.RECENT_IDS,
            MongoPersonalDataVault.COLLECTION, QueryInstances.COLLECTION, GenerationRecords.COLLECTION);
    private static final JsonWriterSettings EXACT_JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private ReadModelFingerprints() {
    }

    /** A document's digest as stored, and with every list of strings sorted and every field in key order. */
    public record Fingerprint(String exact, String setOrderFree, String json) {
    }

    /** Per collection: its documents compared, and how many differed only in the order of sets or map keys. */
    public record CollectionComparison(String name, int documents, int setOrderOnly) {
    }

    public record Comparison(List<CollectionComparison> collections, long documents, List<String> differences) {
    }

    /**
     * Every document of the collections the filter accepts, by logical collection name and {@code _id}; of a read
     * model kept in several generations (query.rebuild), the newest.
     */
    public static Map<String, Map<String, Fingerprint>> of(MongoDatabase database, Predicate<String> readModel) {
        MongoDatabase raw = GenerationalDatabase.raw(database);
        Map<String, String> newest = new TreeMap<>();
        for (String name : raw.listCollectionNames()) {
            newest.merge(ReadModelGenerations.logicalName(name), name, (a, b) ->
                    ReadModelGenerations.generationOf(a) >= ReadModelGenerations.generationOf(b) ? a : b);
        }
        return of(database, readModel, newest::get);
    }

    /**
     * The same, of the generation {@code answering} names for each logical collection (for instance the one that
     * answers queries: {@link ReadModelGenerations#resolve}).
     */
    public static Map<String, Map<String, Fingerprint>> of(MongoDatabase database, Predicate<String> readModel,
                                                           UnaryOperator<String> answering) {
        MongoDatabase raw = GenerationalDatabase.raw(database);
        Map<String, Map<String, Fingerprint>> models = new TreeMap<>();
        for (String name : raw.listCollectionNames()) {
            String logical = ReadModelGenerations.logicalName(name);
            if (name.startsWith("system.") || !readModel.test(logical) || !name.equals(answering.apply(logical))) {
                continue;
            }
            Map<String, Fingerprint> documents = new LinkedHashMap<>();
            // Small batches: the embedded server does not split a reply by size, and some read-model documents are large.
            for (Document document : raw.getCollection(name).find().batchSize(16)) {
                String exact = document.toJson(EXACT_JSON);
                String id = new Document("_id", document.get("_id")).toJson(EXACT_JSON);
                documents.put(id, new Fingerprint(sha256(exact), sha256(orderFree(document).toJson(EXACT_JSON)),
                        exact.length() > 2_000 ? exact.substring(0, 2_000) + "…" : exact));
            }
            models.put(logical, documents);
        }
        return models;
    }

    public static Comparison compare(Map<String, Map<String, Fingerprint>> live, Map<String, Map<String, Fingerprint>> rebuilt) {
        List<String> problems = new ArrayList<>();
        List<CollectionComparison> collections = new ArrayList<>();
        Set<String> names = new TreeSet<>(live.keySet());
        names.addAll(rebuilt.keySet());
        long documents = 0;
        for (String name : names) {
            Map<String, Fingerprint> before = live.getOrDefault(name, Map.of());
            Map<String, Fingerprint> after = rebuilt.getOrDefault(name, Map.of());
            if (before.isEmpty() && after.isEmpty()) {
                continue; // created empty (indexes only): nothing to compare
            }
            int setOrderOnly = 0;
            Set<String> ids = new TreeSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (String id : ids) {
                Fingerprint a = before.get(id);
                Fingerprint b = after.get(id);
                if (a == null || b == null) {
                    problems.add(name + " " + id + (a == null ? " only after the rebuild: " + b.json() : " only live: " + a.json()));
                } else if (!a.exact().equals(b.exact())) {
                    if (a.setOrderFree().equals(b.setOrderFree())) {
                        setOrderOnly++;
                    } else {
                        problems.add(name + " " + id + " differs:\n  live:    " + a.json() + "\n  rebuilt: " + b.json());
                    }
                }
            }
            documents += before.size();
            collections.add(new CollectionComparison(name, before.size(), setOrderOnly));
        }
        return new Comparison(collections, documents, problems);
    }

    /**
     * Lists of strings sorted, and fields in key order: documents used as maps (day buckets, per-day summaries) grow
     * by {@code $set} of new keys, which land in arrival order, as {@code $addToSet} entries do.
     */
    private static Document orderFree(Document document) {
        Document copy = new Document();
        new TreeMap<>(document).forEach((key, value) -> copy.put(key, orderFreeValue(value)));
        return copy;
    }

    private static Object orderFreeValue(Object value) {
        if (value instanceof Document nested) {
            return orderFree(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(orderFreeValue(item)));
            if (items.stream().allMatch(String.class::isInstance)) {
                items.sort((x, y) -> ((String) x).compareTo((String) y));
            }
            return items;
        }
        return value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
