package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes a filter that names one {@code _id} and adds conditions ({@code {_id: x, lastAppliedPosition: {$lt: p}}},
 * {@code {_id: x, claimToken: t}}) a lookup by {@code _id} on the embedded server, as it is on MongoDB.
 *
 * <p>mongo-java-server uses an index only when the filter's fields are exactly the index's, so such a filter scans
 * the whole collection, and the write lock is held all the while: every idempotent projection write and every
 * claim grew slower with the collection and stalled every other writer. Here the document is fetched by its
 * {@code _id}, the whole filter is matched against it with the server's own matcher, and the command then runs with
 * {@code {_id: x}} when it matches, or with a filter that matches nothing ({@code {_id: {$in: []}}}) when it does
 * not. Callers hold the backend's lock, so the outcome is the same as the original command's. Two cases keep the
 * original filter: an upsert whose filter has other equality fields (they are copied into an inserted document),
 * and an upsert whose document exists but does not match (the insert must fail on the duplicate {@code _id}); both
 * are rare and still correct, only not faster.
 */
final class PointLookups {

    static final Set<String> NARROWED_COMMANDS = Set.of("update", "delete", "findandmodify", "find");
    private static final String ID = "_id";
    /** Matches no document, through the {@code _id} index. */
    private static final Document NOTHING = new Document(ID, new Document("$in", List.of()));

    /**
     * The command to run instead of {@code query}: the same, or a copy whose filters are narrowed.
     *
     * @param database the command's database, or {@code null} when it does not exist yet (then nothing is narrowed)
     */
    Document narrow(MongoDatabase database, String command, Document query) {
        if (database == null) {
            return query;
        }
        switch (command.toLowerCase(Locale.ROOT)) {
            case "update":
                return narrowStatements(database, query, "updates", statement -> replacedDirectly(database,
                        query.get(command), statement) ? (Document) statement.get("q") : narrowed(database,
                        query.get(command), (Document) statement.get("q"), isTrue(statement.get("upsert"))), "q");
            case "delete":
                return narrowStatements(database, query, "deletes", statement -> narrowed(database,
                        query.get(command), (Document) statement.get("q"), false), "q");
            case "findandmodify": {
                Document filter = narrowed(database, query.get(command), (Document) query.get("query"),
                        isTrue(query.get("upsert")));
                return replaced(query, "query", filter);
            }
            case "find": {
                Document filter = narrowed(database, query.get(command), (Document) query.get("filter"), false);
                return replaced(query, "filter", filter);
            }
            default:
                return query;
        }
    }

    private static Document narrowStatements(MongoDatabase database, Document query, String listField,
                                             Function<Document, Document> narrowing, String filterField) {
        if (!(query.get(listField) instanceof List<?> statements)) {
            return query;
        }
        List<Object> changed = null;
        for (int i = 0; i < statements.size(); i++) {
            if (!(statements.get(i) instanceof Document statement)) {
                continue;
            }
            Document filter = narrowing.apply(statement);
            if (filter != statement.get(filterField)) {
                if (changed == null) {
                    changed = new ArrayList<>(statements);
                }
                Document copy = new Document(statement);
                copy.put(filterField, filter);
                changed.set(i, copy);
            }
        }
        return changed == null ? query : replaced(query, listField, changed);
    }

    /**
     * The filters of a write's statements that name one {@code _id} ({@code update}, {@code delete},
     * {@code findAndModify}); empty for any other command or when none does.
     */
    static List<Document> writeFilters(String commandName, Document command) {
        if (!NARROWED_COMMANDS.contains(commandName.toLowerCase(Locale.ROOT)) || !(command.get(commandName) instanceof String)) {
            return List.of();
        }
        List<Document> filters = new ArrayList<>();
        switch (commandName.toLowerCase(Locale.ROOT)) {
            case "update" -> addStatementFilters(command.get("updates"), filters);
            case "delete" -> addStatementFilters(command.get("deletes"), filters);
            case "findandmodify" -> {
                if (command.get("query") instanceof Document filter && idEquality(filter) != null) {
                    filters.add(filter);
                }
            }
            default -> {
            }
        }
        return filters;
    }

    private static void addStatementFilters(Object statements, List<Document> filters) {
        if (statements instanceof List<?> list) {
            for (Object statement : list) {
                if (statement instanceof Document document && document.get("q") instanceof Document filter
                        && idEquality(filter) != null) {
                    filters.add(filter);
                }
            }
        }
    }

    /**
     * Whether the collection replaces this statement's document by its {@code _id} itself ({@link FastReplaceH2Collection}):
     * it is left as it is, since narrowing it would only look the document up twice.
     */
    private static boolean replacedDirectly(MongoDatabase database, Object collectionName, Document statement) {
        return collectionName instanceof String name
                && database.resolveCollection(name, false) instanceof FastReplaceH2Collection collection
                && collection.replacesDirectly(statement);
    }

    private static Document replaced(Document query, String field, Object value) {
        if (value == query.get(field)) {
            return query;
        }
        Document copy = new Document(query);
        copy.put(field, value);
        return copy;
    }

    /** The filter to use: the same object when it is not narrowed. */
    private Document narrowed(MongoDatabase database, Object collectionName, Document filter, boolean upsert) {
        Object id = filter == null ? null : idEquality(filter);
        if (!(collectionName instanceof String name) || id == null || filter.equals(new Document(ID, id))) {
            return filter;
        }
        MongoCollection<?> collection = database.resolveCollection(name, false);
        if (collection == null) {
            return filter;
        }
        Iterator<Document> found = collection.handleQuery(new Document(ID, id)).iterator();
        Document document = found.hasNext() ? found.next() : null;
        // A matcher per call: it keeps state while matching, and readers narrow their finds concurrently.
        QueryMatcher matcher = new DefaultQueryMatcher();
        if (document != null && matcher.matches(document, filter)) {
            return new Document(ID, id);
        }
        if (!upsert) {
            return NOTHING;
        }
        if (document == null && onlyConditionsBesidesId(filter)) {
            return new Document(ID, id); // the insert takes only the _id from such a filter
        }
        return filter;
    }

    /**
     * The one {@code _id} the filter requires, as {@code {_id: x, …}} or, as the driver writes {@code Filters.and},
     * {@code {$and: [{_id: x}, …]}}; {@code null} when it names none.
     */
    private static Object idEquality(Document filter) {
        Object id = filter.get(ID);
        if (id != null) {
            return isPlainValue(id) ? id : null;
        }
        if (filter.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document && document.size() == 1 && isPlainValue(document.get(ID))) {
                    return document.get(ID);
                }
            }
        }
        return null;
    }

    /**
     * A value an {@code _id} can equal by itself. Not a pattern: {@code {_id: /^a/}} matches many documents, and
     * narrowing to it once dropped the filter's other conditions (a {@code deleteMany} removed documents they
     * excluded). Not an expression, an embedded document or an array either: those are left to upstream's scan.
     */
    private static boolean isPlainValue(Object value) {
        return value instanceof String || value instanceof Number || value instanceof ObjectId || value instanceof UUID
                || value instanceof Boolean || value instanceof Instant || value instanceof Date;
    }

    /** Whether every condition but the {@code _id} is an operator condition, which an upsert does not copy. */
    private static boolean onlyConditionsBesidesId(Document filter) {
        for (String field : filter.keySet()) {
            Object value = filter.get(field);
            if (field.equals("$and") && value instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (!(clause instanceof Document document) || !onlyConditionsBesidesId(document)) {
                        return false;
                    }
                }
            } else if (!field.equals(ID) && (field.startsWith("$") || !isExpression(value))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExpression(Object value) {
        return value instanceof Document document && !document.isEmpty()
                && document.keySet().iterator().next().startsWith("$");
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
