package io.refundledger.command.notification;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the notification templates may mention about an application (its number, amounts, the rejection reason,
 * the reviewer's question), collected from the refund events into {@code notification_application_facts}
 * ({@code _id} = application id), because a {@code CustomerNotificationRequested} event carries only ids.
 *
 * <p>Idempotent by global position: a fact is written only by an event newer than the last one applied to the
 * document, in one conditional update, so redelivered events change nothing.
 */
public class ApplicationFacts {

    public static final String COLLECTION = "notification_application_facts";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    private final MongoDatabase database;

    public ApplicationFacts(MongoDatabase database) {
        this.database = database;
    }

    /** Records {@code facts} (name → text) if {@code position} is newer than what the document has seen. */
    public void record(String applicationId, long position, Map<String, String> facts) {
        List<Bson> updates = new ArrayList<>();
        facts.forEach((name, value) -> updates.add(Updates.set(name, value)));
        updates.add(Updates.set(LAST_APPLIED_POSITION, position));
        try {
            // Matches an older document, or none at all (then inserts); a newer one makes the insert collide.
            collection().updateOne(
                    Filters.and(Filters.eq("_id", applicationId), Filters.lt(LAST_APPLIED_POSITION, position)),
                    Updates.combine(updates), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // The document has already seen this position or a later one: nothing to do.
        }
    }

    /** The facts known about an application, without the bookkeeping; empty map if none. */
    public Map<String, String> of(String applicationId) {
        Document document = collection().find(Filters.eq("_id", applicationId)).first();
        Map<String, String> facts = new LinkedHashMap<>();
        Optional.ofNullable(document).ifPresent(d -> d.forEach((name, value) -> {
            if (!name.equals("_id") && !name.equals(LAST_APPLIED_POSITION) && value instanceof String text) {
                facts.put(name, text);
            }
        }));
        return facts;
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }
}
