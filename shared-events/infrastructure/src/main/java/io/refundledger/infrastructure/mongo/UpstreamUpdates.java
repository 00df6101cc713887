package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.bson.Document;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * mongo-java-server's own calculation of an updated document ({@code AbstractMongoCollection.calculateUpdateDocument},
 * private in 1.47): the operators, their checks and their errors stay upstream's, so {@link FastReplaceH2Collection}
 * can apply an update of operators without upstream's copies and encodings around that calculation. Reached once by
 * reflection, as {@link DurableH2Backend} reaches H2's store lock; when a later version renames it, the collection
 * leaves such updates to upstream, as before.
 */
final class UpstreamUpdates {

    private static final MethodHandle CALCULATE = calculateUpdateDocument();

    private UpstreamUpdates() {
    }

    static boolean available() {
        return CALCULATE != null;
    }

    /**
     * The document upstream would store after applying {@code update} (operators, not an upsert) to {@code stored}, a
     * new document: {@code stored} is only read. Null when upstream's method is not there.
     */
    static Document calculate(AbstractMongoCollection<?> collection, Document stored, Document update) {
        if (CALCULATE == null) {
            return null;
        }
        try {
            return (Document) CALCULATE.invoke(collection, stored, update, ArrayFilters.empty(), (Integer) null, false);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle calculateUpdateDocument() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(AbstractMongoCollection.class, MethodHandles.lookup());
            return lookup.findVirtual(AbstractMongoCollection.class, "calculateUpdateDocument", MethodType.methodType(
                    Document.class, Document.class, Document.class, ArrayFilters.class, Integer.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
