package io.refundledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code audit_access_log}: who called which audit endpoint, when, with what result. Insert-only: entries are
 * never updated or deleted by the application. Listing the newest entries must not scan or sort the whole
 * collection, so a single small document ({@code audit_access_log_recent}) keeps the ids of the latest
 * {@value #RECENT} entries, appended with one atomic capped {@code $push}; the entries are then fetched by
 * {@code _id $in}.
 */
@Component
public class AuditAccessLog {

    public static final String LOG = "audit_access_log";
    public static final String RECENT_IDS = "audit_access_log_recent";
    /** The most a listing returns; older entries stay in the log, found by id. */
    public static final int RECENT = 500;

    private static final String RECENT_ID = "recent";
    private static final String IDS = "ids";

    private final MongoDatabase database;

    public AuditAccessLog(MongoDatabase database) {
        this.database = database;
    }

    /** Inserts the entry (its id is assigned here) and puts it at the head of the recent list. */
    public AccessLogEntry record(String user, List<String> roles, String method, String path, String query, int status,
                                 Instant at) {
        AccessLogEntry entry = new AccessLogEntry(new ObjectId().toHexString(), user, roles, method, path, query, status, at);
        log().insertOne(new Document("_id", entry.id()).append("user", user).append("roles", entry.roles())
                .append("method", method).append("path", path).append("query", query).append("status", status)
                .append("at", Date.from(at)));
        // After the insert: a crash in between leaves an entry that is logged but not listed, never a listed ghost.
        recent().updateOne(Filters.eq("_id", RECENT_ID),
                Updates.pushEach(IDS, List.of(entry.id()), new PushOptions().slice(-RECENT)),
                new UpdateOptions().upsert(true));
        return entry;
    }

    /** The newest {@code limit} entries, newest first. */
    public List<AccessLogEntry> newest(int limit) {
        Document recent = recent().find(Filters.eq("_id", RECENT_ID)).first();
        if (recent == null || limit <= 0) {
            return List.of();
        }
        List<String> ids = recent.getList(IDS, String.class);
        List<String> wanted = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0 && wanted.size() < limit; i--) {
            wanted.add(ids.get(i));
        }
        Map<String, AccessLogEntry> found = new HashMap<>();
        log().find(Filters.in("_id", wanted)).forEach(d -> found.put(d.getString("_id"), toEntry(d)));
        return wanted.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private static AccessLogEntry toEntry(Document d) {
        return new AccessLogEntry(d.getString("_id"), d.getString("user"), d.getList("roles", String.class),
                d.getString("method"), d.getString("path"), d.getString("query"), d.getInteger("status", 0),
                d.getDate("at").toInstant());
    }

    private MongoCollection<Document> log() {
        return database.getCollection(LOG);
    }

    private MongoCollection<Document> recent() {
        return database.getCollection(RECENT_IDS);
    }
}
