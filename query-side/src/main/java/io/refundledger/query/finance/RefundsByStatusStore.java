package io.refundledger.query.finance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which applications are on each finance list: one document per list ({@code _id} = the list's status,
 * {@code applicationIds}), so a list is read with one {@code _id} lookup and its views with one {@code _id $in}.
 *
 * <p>Membership is changed with {@code $addToSet} and {@code $pull}, each atomic on its document, so writers on
 * different processor segments never lose each other's entries, and repeating a move changes nothing. Only
 * open work is listed (paid or rejected applications leave every list), so the documents stay small.
 * Maintained by the {@code refund-progress} projection, in step with the views.
 */
@Component
public class RefundsByStatusStore {

    public static final String COLLECTION = "refund_ids_by_status";
    public static final String APPLICATION_IDS = "applicationIds";

    private final MongoDatabase database;

    public RefundsByStatusStore(MongoDatabase database) {
        this.database = database;
    }

    public Set<String> applicationIdsIn(FinanceQueue queue) {
        Document entry = collection().find(Filters.eq("_id", queue.name())).first();
        return entry == null ? Set.of() : new LinkedHashSet<>(entry.getList(APPLICATION_IDS, String.class));
    }

    /**
     * Puts the application on {@code queue} (or on none, when null) and takes it off every other list. Added
     * before it is removed, so a reader in between sees it twice at worst, never nowhere; readers keep only
     * the ids whose view is on the list asked for.
     */
    public void place(String applicationId, FinanceQueue queue) {
        if (queue != null) {
            addTo(queue, applicationId);
        }
        List<String> others = Arrays.stream(FinanceQueue.values()).filter(q -> q != queue).map(Enum::name).toList();
        collection().updateMany(Filters.in("_id", others), Updates.pull(APPLICATION_IDS, applicationId));
    }

    private void addTo(FinanceQueue queue, String applicationId) {
        try {
            collection().updateOne(Filters.eq("_id", queue.name()), Updates.addToSet(APPLICATION_IDS, applicationId),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two upserts raced to create the list and the other one won: now it exists, so this is an update.
            collection().updateOne(Filters.eq("_id", queue.name()), Updates.addToSet(APPLICATION_IDS, applicationId));
        }
    }

    /** Empties every list for a replay. */
    public void deleteAll() {
        collection().drop();
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }
}
