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
 * An embedded database whose collections store their documents through {@link DocumentValueType} and whose unique
 * indexes compare keys through {@link IndexKeyType}: each map is opened with its type just before mongo-java-server
 * opens it by name, which then finds it open and uses it as it is.
 *
 * <p>A null document type leaves documents Java-serialised, as upstream (kept for the benchmark). Map names are
 * mongo-java-server 1.47's: {@code databases.<db>.<collection>} for a collection's documents and
 * {@code <db>.<collection>._index_<index>} for an index.
 */
final class FastIndexH2Database extends H2Database {

    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String INDEX_INFIX = "._index_";

    private final MVStore store;
    private final IndexKeyType keyType;
    private final DocumentValueType documentType;

    private FastIndexH2Database(String databaseName, MVStore store, CursorRegistry cursors, IndexKeyType keyType,
                                DocumentValueType documentType) {
        super(databaseName, store, cursors);
        this.store = store;
        this.keyType = keyType;
        this.documentType = documentType;
    }

    /**
     * Opens the database. Its existing collections and indexes are opened with their types first: mongo-java-server
     * opens them while it constructs the database, before this class's fields are set.
     */
    static FastIndexH2Database open(String databaseName, MVStore store, CursorRegistry cursors, IndexKeyType keyType,
                                    DocumentValueType documentType) {
        String namespace = databaseName + ".";
        for (String map : store.getMapNames()) {
            if (map.startsWith(DOCUMENTS_PREFIX + namespace) && documentType != null) {
                openDocuments(store, map, documentType);
            } else if (map.startsWith(namespace) && map.contains(INDEX_INFIX)) {
                openIndex(store, map, keyType);
            }
        }
        return new FastIndexH2Database(databaseName, store, cursors, keyType, documentType);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        if (store != null && documentType != null) {
            openDocuments(store, DOCUMENTS_PREFIX + getFullCollectionNamespace(collectionName), documentType);
        }
        return super.openOrCreateCollection(collectionName, options);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        if (store != null) {
            openIndex(store, getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName, keyType);
        }
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    private static void openDocuments(MVStore store, String map, DocumentValueType documentType) {
        store.openMap(map, new MVMap.Builder<Object, Document>().valueType(documentType));
    }

    private static void openIndex(MVStore store, String map, IndexKeyType keyType) {
        store.openMap(map, new MVMap.Builder<KeyValue, Object>().keyType(keyType));
    }
}
