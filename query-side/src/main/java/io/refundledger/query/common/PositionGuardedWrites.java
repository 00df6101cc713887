package io.refundledger.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Whole-document writes of read models that never go back in time. A view names the global position it last applied
 * ({@value #POSITION}); it replaces the stored one only if that one is not newer. Two workers can hold one segment for
 * a moment (a claim lapses while its holder is still busy, another instance claims it): without the guard the slower
 * one could write an older version over a newer one, and the faster one would then build on that older version and
 * lose an event for good. With it, the older write is simply dropped; the equal-position case is let through, since
 * one event may save the same document more than once.
 */
public final class PositionGuardedWrites {

    public static final String POSITION = "lastAppliedPosition";

    private PositionGuardedWrites() {
    }

    /** Matches document {@code id} unless the stored version is newer than {@code document}. */
    public static Bson filterFor(Object id, Document document) {
        return document.get(POSITION) instanceof Number position
                ? Filters.and(Filters.eq("_id", id), Filters.lte(POSITION, position.longValue()))
                : Filters.eq("_id", id);
    }

    /** Stores {@code document} under {@code id} unless a newer version is stored; answers whether it was stored. */
    public static boolean replaceUnlessNewer(MongoCollection<Document> collection, Object id, Document document) {
        if (!(document.get(POSITION) instanceof Number position)) {
            collection.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
            return true;
        }
        try {
            collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.lte(POSITION, position.longValue())), document,
                    new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Nothing matched and the upsert met the stored document: fine if that one is newer, a real conflict if not.
            Document stored = collection.find(Filters.eq("_id", id)).projection(new Document(POSITION, 1)).first();
            if (stored != null && stored.get(POSITION) instanceof Number newer && newer.longValue() > position.longValue()) {
                return false;
            }
            throw e;
        }
    }
}
