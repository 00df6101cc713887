package io.refundledger.query.common;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads documents by many {@code _id}s in slices of {@value #SLICE}. The embedded server finds each id through its
 * index but then checks every found document against the whole {@code $in} list, so one lookup of n ids costs n²
 * comparisons (10,000 payouts of a quarter: seconds); slices keep it linear. On MongoDB slices cost a round trip each.
 */
public final class IdLookups {

    static final int SLICE = 128;

    private IdLookups() {
    }

    /** The documents with these ids that exist, mapped, in no particular order. */
    public static <T> List<T> findByIds(MongoCollection<Document> collection, Collection<String> ids,
                                        Function<Document, T> mapping) {
        List<T> found = new ArrayList<>(ids.size());
        inSlices(ids, slice -> collection.find(Filters.in("_id", slice)).forEach(d -> found.add(mapping.apply(d))));
        return found;
    }

    /** Runs {@code lookup} on the ids a slice at a time. */
    public static void inSlices(Collection<String> ids, Consumer<List<String>> lookup) {
        List<String> all = ids instanceof List<String> list ? list : new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += SLICE) {
            lookup.accept(new ArrayList<>(all.subList(i, Math.min(all.size(), i + SLICE))));
        }
    }
}
