package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An embedded database whose unique indexes compare keys through {@link IndexKeyType}: each index map is opened with
 * that key type just before mongo-java-server opens it by name, which then finds it open and uses it as it is.
 */
final class FastIndexH2Database extends H2Database {

    private final MVStore store;
    private final IndexKeyType keyType;

    FastIndexH2Database(String databaseName, MVStore store, CursorRegistry cursors, IndexKeyType keyType) {
        super(databaseName, store, cursors);
        this.store = store;
        this.keyType = keyType;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        // The name H2Database gives the index map (mongo-java-server 1.47: "<db>.<collection>._index_<index>").
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(keyType));
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }
}
