package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An embedded database whose collections store their documents through {@link DocumentValueType}, whose unique
 * indexes compare keys through {@link IndexKeyType}, and whose collections replace documents by {@code _id} directly
 * ({@link FastReplaceH2Collection}): each map is opened with its type just before mongo-java-server opens it by name,
 * which then finds it open and uses it as it is.
 *
 * <p>A null document type leaves documents Java-serialised, as upstream, and {@code fastReplaces} false leaves
 * collections upstream's (both kept for the benchmarks). Map names are mongo-java-server 1.47's:
 * {@code databases.<db>.<collection>} for a collection's documents, {@code meta.<db>.<collection>} for its data size
 * and {@code <db>.<collection>._index_<index>} for an index.
 */
final class FastIndexH2Database extends H2Database {

    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    private record Settings(MVStore store, IndexKeyType keyType, DocumentValueType documentType, boolean fastReplaces) {
    }

    /**
     * The settings while the constructor runs: H2Database's constructor opens the collections and indexes already in
     * the file, through the methods below, before this class's fields are set.
     */
    private static final ThreadLocal<Settings> CONSTRUCTING = new ThreadLocal<>();

    private final Settings settings;

    private FastIndexH2Database(String databaseName, Settings settings, CursorRegistry cursors) {
        super(databaseName, settings.store(), cursors);
        this.settings = settings;
    }

    static FastIndexH2Database open(String databaseName, MVStore store, CursorRegistry cursors, IndexKeyType keyType,
                                    DocumentValueType documentType, boolean fastReplaces) {
        Settings settings = new Settings(store, keyType, documentType, fastReplaces);
        CONSTRUCTING.set(settings);
        try {
            return new FastIndexH2Database(databaseName, settings, cursors);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    private Settings settings() {
        return settings != null ? settings : CONSTRUCTING.get();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        Settings opened = settings();
        String namespace = getFullCollectionNamespace(collectionName);
        if (opened.documentType() != null) {
            opened.store().openMap(DOCUMENTS_PREFIX + namespace,
                    new MVMap.Builder<Object, Document>().valueType(opened.documentType()));
        }
        if (!opened.fastReplaces()) {
            return super.openOrCreateCollection(collectionName, options);
        }
        // Upstream's H2Collection on upstream's maps, as H2Database.openOrCreateCollection opens them.
        return new FastReplaceH2Collection(this, collectionName, options, opened.store().openMap(DOCUMENTS_PREFIX + namespace),
                opened.store().openMap(META_PREFIX + namespace), cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        settings().store().openMap(getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(settings().keyType()));
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }
}
