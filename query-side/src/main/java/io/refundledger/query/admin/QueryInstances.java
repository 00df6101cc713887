package io.refundledger.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The query-side instances that are alive: each writes a heartbeat document ({@code _id} = its node id) every few
 * seconds; one not renewed within the timeout counts as dead and is deleted by whoever notices. The collection holds
 * one document per running instance, so reading it whole is a scan of a handful of documents, which the embedded
 * database (every range query a full scan) does as cheaply as a lookup.
 */
public class QueryInstances {

    public static final String COLLECTION = "query_instances";

    private final MongoCollection<Document> instances;

    public QueryInstances(MongoDatabase database) {
        this.instances = database.getCollection(COLLECTION);
    }

    public void heartbeat(String nodeId, Instant now) {
        instances.replaceOne(Filters.eq("_id", nodeId), new Document("_id", nodeId).append("seenAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
    }

    /** Gone for good (a clean shutdown): the others need not wait for the timeout to stop counting it. */
    public void leave(String nodeId) {
        instances.deleteOne(Filters.eq("_id", nodeId));
    }

    /** The node ids seen within {@code timeout} before {@code now}; older entries are deleted on the way. */
    public List<String> live(Instant now, Duration timeout) {
        Instant oldest = now.minus(timeout);
        List<String> live = new ArrayList<>();
        for (Document instance : instances.find()) {
            Date seenAt = instance.getDate("seenAt");
            if (seenAt != null && !seenAt.toInstant().isBefore(oldest)) {
                live.add(instance.getString("_id"));
            } else {
                // Only if it was not renewed meanwhile: an _id lookup with one condition.
                instances.deleteOne(Filters.and(Filters.eq("_id", instance.get("_id")), Filters.eq("seenAt", seenAt)));
            }
        }
        return live;
    }
}
