package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A collection of the embedded server that applies the read models' writes, whole documents replaced by {@code _id}
 * under a position guard ({@code ReplaceOneModel} with {@code {_id: x, lastAppliedPosition: {$lte: p}}} and upsert), by
 * itself, and their updates of operators by {@code _id} through upstream's own calculation ({@link UpstreamUpdates}),
 * and leaves every other write to mongo-java-server.
 *
 * <p>Upstream runs such a statement through its generic update: it scans for the filter (or {@link PointLookups} looks
 * the document up first), looks the document up again by its {@code _id}, deep-copies it, builds the new document,
 * compares them, checks and updates every index, BSON-encodes both to keep the collection's data size, and mutates the
 * stored document in place. A profile of a 1.2-million-event catch-up showed the server's workers spending most of
 * their time there. Here the document is looked up once by its {@code _id}, matched with the filter by upstream's own
 * matcher, and replaced in the document map, decoded once (when its page is read); the {@code _id} index is left
 * alone, since a replacement keeps the {@code _id}.
 *
 * <p>It writes exactly what upstream writes: the same document, its fields in the stored document's order with new
 * ones after them, under the same key in the same map, and the same data size (upstream's {@code calculateSize}, BSON),
 * so reads, counts, {@code collStats} and a restarted server cannot tell the two apart. It answers as upstream does:
 * {@code n}, {@code nModified} as upstream counts it (normalised values compared), {@code upserted}. An insert goes
 * through upstream's own {@code addDocument}, so an upsert whose guard fails on a stored document collides on the
 * {@code _id} with upstream's duplicate-key error (E11000). The update command around the statements, ordered or not,
 * with its write errors, stays upstream's.
 *
 * <p>It only takes what it can answer exactly: a replacement (no {@code $} operator, no dotted field, not multi, no array
 * filters) whose filter names one {@code _id} of a plain type besides values and comparisons, on a collection whose
 * only index is the {@code _id} index, without an oplog. An upsert also needs the filter's other conditions to be
 * comparisons, which upstream skips when it turns the filter into the new document (values it copies, and may refuse).
 * A replacement whose {@code _id} differs from the stored one is upstream's to refuse. An update of operators is taken
 * on the same filters when its operators neither touch the {@code _id} nor need the matched array position; its
 * upsert of a missing document is upstream's, by the {@code _id}. All else is upstream's,
 * unchanged. Collation and hint are read by neither: upstream ignores them for updates. Callers hold the backend's
 * write lock, as for every write.
 */
final class FastReplaceH2Collection extends H2Collection {

    private static final String ID = "_id";
    /** The operators a filter's other conditions may use here: comparisons, which the matcher cannot refuse. */
    private static final Set<String> COMPARISONS = Set.of("$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$nin", "$exists");
    /** Update operators applied here through upstream's calculation (see {@link #takesOperators}). */
    private static final Set<String> OPERATORS = Set.of("$set", "$setOnInsert", "$unset", "$inc", "$max", "$min",
            "$addToSet", "$push");
    private static final int SIZING_CAPACITY = 16 * 1024;
    /** A buffer that grew beyond this for a large document is let go. */
    private static final int MAX_SIZING_CAPACITY = 1024 * 1024;

    private ByteBuf sizing = Unpooled.buffer(SIZING_CAPACITY);

    /**
     * The documents by position: {@link StoredDocument}s when the map's type keeps them BSON, else documents as
     * upstream keeps them. Every method of upstream's that reads the map is overridden below to decode them.
     */
    private final MVMap<Object, Object> documents;
    /** The map's type when it keeps documents BSON, else null. */
    private final DocumentValueType bsonType;
    /** Whether a write runs (under this collection's lock, and the backend's exclusive one); see {@link #writing}. */
    private boolean writing;

    @SuppressWarnings({"unchecked", "rawtypes"})
    FastReplaceH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                            MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
        this.documents = (MVMap) documents;
        this.bsonType = (Object) documents.getValueType() instanceof DocumentValueType type && type.keepsBson() ? type : null;
    }

    // ------------------------------------------------------------------ upstream's H2Collection, on stored documents

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        Object previous = documents.put(Missing.ofNullable(key), stored(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this + ": " + decoded(previous, false));
        return key;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        return decoded(documents.get(position), true);
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream().map(entry -> new DocumentWithPosition<>(decoded(entry.getValue(), false), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                         int batchSize, Document fieldSelector) {
        Stream<Document> stream = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition().sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(stored -> decoded(stored, false));
        return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), stored(newDocument));
    }

    /** What the map keeps of a document: its BSON where the map's type keeps BSON and BSON can hold it. */
    private Object stored(Document document) {
        if (bsonType == null) {
            return document;
        }
        byte[] bson = DocumentValueType.encode(document);
        return bson != null ? new StoredDocument(bson) : document;
    }

    /**
     * The document the map keeps, decoded; {@code remember} keeps it among the documents decoded lately (what a query
     * reads by {@code _id}, not what a scan passes or a write is about to replace).
     */
    private Document decoded(Object stored, boolean remember) {
        if (!(stored instanceof StoredDocument document)) {
            return (Document) stored;
        }
        // A write gets a copy of its own: upstream's update changes the document it read in place.
        return writing ? DocumentValueType.decode(document.bson()) : bsonType.decoded(document, remember);
    }

    /**
     * Runs a write that reads documents through upstream's code. What such a write reads is decoded for it alone, so
     * the documents decoded lately, which queries share and which the backend answers with uncopied (see
     * {@link DurableH2Backend}), never change.
     */
    private <T> T writing(Supplier<T> write) {
        boolean outer = writing;
        writing = true;
        try {
            return write.get();
        } finally {
            writing = outer;
        }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return writing(() -> super.findAndModify(query));
    }

    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return writing(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public synchronized void removeDocument(Document document) {
        writing(() -> {
            super.removeDocument(document);
            return null;
        });
    }

    /** Whether this collection applies the update command's {@code statement} itself (then it needs no narrowing). */
    boolean replacesDirectly(Document statement) {
        return statement.get("q") instanceof Document filter && statement.get("u") instanceof Document update
                && !Utils.isTrue(statement.get("multi")) && !hasArrayFilters(statement.get("arrayFilters"))
                && (takes(filter, update) || takesOperators(filter, update));
    }

    /**
     * Reads the document this filter names by its {@code _id}, with the index entry when the write will look it up
     * there, so that the write finds their pages in H2's cache. The backend calls it under its shared lock, before it
     * takes the exclusive lock for the write; reads of the maps need no lock of this collection.
     */
    void warm(Document filter) {
        Object id = idOf(filter);
        if (id == null) {
            return;
        }
        if (!(id instanceof String) && ID.equals(getIdField()) && !getIndexes().isEmpty()
                && getIndexes().get(0) instanceof AbstractUniqueIndex<Object> index) {
            index.getPosition(new Document(ID, id));
        }
        documents.get(id); // its page, without decoding the document
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean multi, boolean upsert, Oplog oplog) {
        return writing(() -> update(selector, update, arrayFilters, multi, upsert, oplog));
    }

    private Document update(Document selector, Document update, ArrayFilters arrayFilters, boolean multi, boolean upsert,
                            Oplog oplog) {
        boolean replacement = isReplacement(update);
        if (multi || !arrayFilters.isEmpty() || !(oplog instanceof NoopOplog)
                || !(replacement ? takes(selector, update) : takesOperators(selector, update))) {
            return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
        }
        Object id = idOf(selector);
        // Upstream keys the document map by the _id as stored and the _id index by the _id normalised: for a string
        // the two are the same, so a string is looked up in the document map alone (the index lookup, which
        // serialises the key, took a third of this path's time).
        Object position = id instanceof String ? id : idIndex().getPosition(new Document(ID, id));
        Object kept = position == null ? null : documents.get(position);
        // Read, never changed here: a document decoded lately serves as well.
        Document stored = kept instanceof StoredDocument document ? bsonType.decoded(document, false) : (Document) kept;
        if (stored != null && documentMatchesQuery(stored, selector)) {
            Document replaced = replacement ? replace(position, kept, stored, update)
                    : applyOperators(position, kept, stored, update);
            return replaced != null ? replaced : super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
        }
        if (!upsert) {
            return result(0, 0);
        }
        if (!replacement) {
            // Upstream's upsert. A missing document's takes only the _id from such a filter, which is then looked up by
            // it (as the point lookups narrowed it before), not by a scan.
            Document filter = stored == null && copiesOnlyTheId(selector) ? new Document(ID, id) : selector;
            return super.updateDocuments(filter, update, arrayFilters, multi, upsert, oplog);
        }
        Document inserted = copiesOnlyTheId(selector) ? insert(id, update) : null;
        return inserted != null ? inserted : super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
    }

    /**
     * Replaces the matched document as upstream's {@code updateDocument} would; null when upstream must decide (a new
     * {@code _id} in the replacement: an error, or a number equal to the stored one).
     */
    private Document replace(Object position, Object kept, Document stored, Document update) {
        Object storedId = stored.get(ID);
        Document replacement = replacement(storedId, update);
        if (replacement == null) {
            return null;
        }
        return rewrite(position, kept, stored, replacement);
    }

    /**
     * Applies an update of operators to the matched document as upstream's {@code updateDocument} would: the new document
     * built by upstream's own {@code calculateUpdateDocument} (its operators, checks and errors), then written with its
     * fields where upstream's in-place change leaves them. Upstream first deep-copies the stored document, encodes the
     * old and the new one to BSON for the data size, and encodes the new one again for the map; here the new document is
     * encoded once and the stored one is not copied (it is only read). Null when upstream's method cannot be reached.
     */
    private Document applyOperators(Object position, Object kept, Document stored, Document update) {
        Document changed = UpstreamUpdates.calculate(this, stored, update);
        return changed == null ? null : rewrite(position, kept, stored, changed);
    }

    /** Writes the matched document's new content as upstream's in-place change would leave it, and answers as upstream. */
    private Document rewrite(Object position, Object kept, Document stored, Document changed) {
        if (changed.equals(stored)) {
            return result(1, 0);
        }
        // Upstream rewrites the stored document in place: its remaining fields keep their places, new ones follow.
        Document merged = new Document();
        for (String field : stored.keySet()) {
            if (changed.containsKey(field)) {
                merged.put(field, null);
            }
        }
        merged.putAll(changed);
        // Encoded once, for the map and for the data size (a BSON length does not depend on the fields' order).
        Object toKeep = stored(merged);
        if (tracksDataSize()) {
            updateDataSize(sizeOf(toKeep, changed) - sizeOf(kept, stored));
        }
        documents.put(Missing.ofNullable(position), toKeep);
        return result(1, sameNormalised(stored, merged) ? 0 : 1);
    }

    /** Inserts the upserted document through upstream's insert (indexes, data size, duplicate {@code _id}). */
    private Document insert(Object id, Document update) {
        Document document = replacement(id, update);
        if (document == null) {
            return null;
        }
        addDocument(document);
        Document result = new Document("upserted", id);
        result.putAll(result(0, 0));
        return result;
    }

    /**
     * The new document as upstream's {@code calculateUpdateDocument} builds it for a replacement: the {@code _id} first,
     * then the replacement's fields in its order. Its values are the request's own (upstream deep-copies them): the
     * request is decoded for this command alone and never changed, and a later update builds a new document.
     */
    private static Document replacement(Object id, Document update) {
        Object newId = update.get(ID);
        if (newId != null && !newId.equals(id)) {
            return null;
        }
        Document document = new Document(ID, id);
        for (Map.Entry<String, Object> field : update.entrySet()) {
            if (!field.getKey().equals(ID)) {
                document.put(field.getKey(), field.getValue());
            }
        }
        Utils.validateFieldNames(document);
        return document;
    }

    private static Document result(int matched, int modified) {
        Document result = new Document("n", matched);
        result.put("nModified", modified);
        return result;
    }

    private boolean takes(Document filter, Document update) {
        return isReplacement(update) && idOf(filter) != null && hasOnlyTheIdIndex();
    }

    /**
     * An update of operators this class applies through upstream's own calculation: operators that neither need the
     * matched array position nor touch the {@code _id} (which the {@code _id} index would have to follow), on one
     * {@code _id} as for a replacement.
     */
    private boolean takesOperators(Document filter, Document update) {
        if (update.isEmpty() || !UpstreamUpdates.available() || idOf(filter) == null || !hasOnlyTheIdIndex()) {
            return false;
        }
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            if (!OPERATORS.contains(operator.getKey()) || !(operator.getValue() instanceof Document fields) || fields.isEmpty()) {
                return false;
            }
            for (String path : fields.keySet()) {
                if (path.equals(ID) || path.startsWith(ID + ".") || path.contains("$")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No operator; and no dotted field, which upstream refuses only after it changed the document half-way. */
    private static boolean isReplacement(Document update) {
        for (String field : update.keySet()) {
            if (field.startsWith("$") || field.contains(".")) {
                return false;
            }
        }
        return true;
    }

    private boolean hasOnlyTheIdIndex() {
        List<Index<Object>> indexes = getIndexes();
        return ID.equals(getIdField()) && indexes.size() == 1 && indexes.get(0) instanceof AbstractUniqueIndex<Object>
                && indexes.get(0).getKeys().size() == 1 && ID.equals(indexes.get(0).getKeys().get(0).getKey());
    }

    private AbstractUniqueIndex<Object> idIndex() {
        return (AbstractUniqueIndex<Object>) getIndexes().get(0);
    }

    /**
     * The one {@code _id} the filter requires, as {@code {_id: x, …}} or, as the driver writes {@code Filters.and},
     * {@code {$and: [{_id: x}, …]}}; null when it names none or several, or one of a type whose index key and matching
     * might differ (only strings, object ids, UUIDs, ints and longs are taken), or when another condition is neither a
     * value nor comparisons (upstream's scan would refuse a malformed one whatever the stored documents, this lookup
     * only when it found the document).
     */
    private static Object idOf(Document filter) {
        List<Object> ids = new ArrayList<>(1);
        if (!collectIds(filter, ids) || ids.size() != 1) {
            return null;
        }
        Object id = ids.get(0);
        return id instanceof String || id instanceof ObjectId || id instanceof UUID || id instanceof Integer
                || id instanceof Long ? id : null;
    }

    /** Adds the filter's {@code _id} values to {@code ids}; false when it has a condition this class does not take. */
    private static boolean collectIds(Document filter, List<Object> ids) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and")) {
                if (!(value instanceof List<?> clauses) || clauses.isEmpty()) {
                    return false;
                }
                for (Object clause : clauses) {
                    if (!(clause instanceof Document document) || !collectIds(document, ids)) {
                        return false;
                    }
                }
            } else if (field.equals(ID)) {
                ids.add(value);
            } else if (field.startsWith("$") || isOperators(value) && !areComparisons((Document) value)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value is a condition of operators rather than a value to equal (any field with a {@code $}). */
    private static boolean isOperators(Object value) {
        if (value instanceof Document document) {
            for (String field : document.keySet()) {
                if (field.startsWith("$")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean areComparisons(Document operators) {
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            String name = operator.getKey();
            if (!COMPARISONS.contains(name) || (name.equals("$in") || name.equals("$nin")) && !(operator.getValue() instanceof List)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether upstream's upsert takes only the {@code _id} from this filter ({@code convertSelectorToDocument}): every
     * other condition, also inside {@code $and}, is comparisons it skips. A value or {@code {$eq: v}} it copies into a
     * document (which a replacement then drops) and can refuse there, on conflicting paths: upstream decides those.
     */
    private static boolean copiesOnlyTheId(Document filter) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and")) {
                for (Object clause : (List<?>) value) {
                    if (!copiesOnlyTheId((Document) clause)) {
                        return false;
                    }
                }
            } else if (!field.equals(ID) && !(isOperators(value) && !((Document) value).keySet().equals(Set.of("$eq")))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasArrayFilters(Object arrayFilters) {
        return arrayFilters != null && !(arrayFilters instanceof List<?> list && list.isEmpty());
    }

    /**
     * The document's size as upstream keeps it ({@code Utils.calculateSize}, package-private there): its BSON length,
     * encoded into one buffer reused under the collection's lock (upstream's grows a new one from 256 bytes each time).
     */
    private int sizeOf(Object kept, Document document) {
        return kept instanceof StoredDocument stored ? stored.bson().length : sizeOf(document);
    }

    private int sizeOf(Document document) {
        sizing.clear();
        try {
            BsonEncoder.encodeDocument(document, sizing);
            return sizing.writerIndex();
        } catch (RuntimeException e) {
            throw new MongoServerException("Failed to calculate document size", e);
        } finally {
            if (sizing.capacity() > MAX_SIZING_CAPACITY) {
                sizing = Unpooled.buffer(SIZING_CAPACITY);
            }
        }
    }

    /**
     * Whether upstream counts the replacement as no modification: it compares the two documents normalised
     * ({@code Utils.nullAwareEquals}: null and missing alike, numbers as doubles unless a long has no exact double, -0.0
     * as 0.0, fields in order). The same comparison, without building the normalised copies.
     */
    private static boolean sameNormalised(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (Missing.isNullOrMissing(a) || Missing.isNullOrMissing(b)) {
            return Missing.isNullOrMissing(a) && Missing.isNullOrMissing(b);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return normalised(x).equals(normalised(y));
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && sameInOrder(x.keySet(), y.keySet()) && sameInOrder(x.values(), y.values());
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            return x.size() == y.size() && sameInOrder(x, y);
        }
        return !isNormalised(a) && !isNormalised(b) && a.equals(b);
    }

    private static boolean sameInOrder(Collection<?> a, Collection<?> b) {
        Iterator<?> other = b.iterator();
        for (Object value : a) {
            if (!other.hasNext() || !sameNormalised(value, other.next())) {
                return false;
            }
        }
        return !other.hasNext();
    }

    private static boolean isNormalised(Object value) {
        return value instanceof Number || value instanceof Map || value instanceof Collection;
    }

    private static Object normalised(Number number) {
        if (number instanceof Long l && l != (long) l.doubleValue()) {
            return l;
        }
        double value = number.doubleValue();
        return value == 0.0 ? 0.0 : value; // -0.0 == 0.0
    }
}
