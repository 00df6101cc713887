package io.refundledger.query.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The generations of every read model, one document per processor ({@code _id} = its name) in
 * {@value #COLLECTION}. Every change is a compare-and-set on the document, so two instances (or two admins) cannot
 * both start a rebuild of one read model, and a switch happens once.
 */
public final class GenerationRecords {

    public static final String COLLECTION = "read_model_generations";

    private final MongoCollection<Document> records;

    public GenerationRecords(MongoDatabase database) {
        this.records = database.getCollection(COLLECTION);
    }

    public Map<String, GenerationRecord> all() {
        Map<String, GenerationRecord> all = new HashMap<>();
        for (Document d : records.find()) {
            GenerationRecord r = toRecord(d);
            all.put(r.owner(), r);
        }
        return all;
    }

    public GenerationRecord of(String owner) {
        Document d = records.find(Filters.eq("_id", owner)).first();
        return d == null ? GenerationRecord.initial(owner) : toRecord(d);
    }

    /** Claims the next generation for a rebuild; false when a rebuild is under way or the active one moved on. */
    boolean reserve(String owner, int active, int target, Instant now) {
        Bson set = Updates.combine(Updates.set("building", target), Updates.set("ready", false),
                Updates.set("buildingSince", Date.from(now)));
        if (records.findOneAndUpdate(Filters.and(Filters.eq("_id", owner), Filters.eq("active", active),
                Filters.eq("building", null)), set) != null) {
            return true;
        }
        if (active != 0 || records.find(Filters.eq("_id", owner)).first() != null) {
            return false;
        }
        try {
            records.insertOne(new Document("_id", owner).append("active", 0).append("building", target)
                    .append("ready", false).append("buildingSince", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The building generation is reset and has its tokens: any instance may now work on it. */
    void markReady(String owner, int target) {
        records.updateOne(Filters.and(Filters.eq("_id", owner), Filters.eq("building", target)), Updates.set("ready", true));
    }

    /** Makes the building generation the active one; false when someone else switched (or abandoned) it first. */
    boolean switchTo(String owner, int from, int target, Instant now) {
        return records.findOneAndUpdate(Filters.and(Filters.eq("_id", owner), Filters.eq("active", from),
                        Filters.eq("building", target)),
                Updates.combine(Updates.set("active", target), Updates.set("building", null), Updates.set("ready", false),
                        Updates.set("previous", from), Updates.set("switchedAt", Date.from(now)))) != null;
    }

    /** Gives up a rebuild that could not be prepared; the active generation stays. */
    void abandon(String owner, int target) {
        records.updateOne(Filters.and(Filters.eq("_id", owner), Filters.eq("building", target)),
                Updates.combine(Updates.set("building", null), Updates.set("ready", false)));
    }

    private static GenerationRecord toRecord(Document d) {
        return new GenerationRecord(d.getString("_id"), d.getInteger("active", 0), d.getInteger("building"),
                d.getBoolean("ready", false), instant(d.getDate("buildingSince")), d.getInteger("previous"),
                instant(d.getDate("switchedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
