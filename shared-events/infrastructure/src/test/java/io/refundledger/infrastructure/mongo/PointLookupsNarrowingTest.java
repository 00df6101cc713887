package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filters become {@code _id} lookups, and which keep their scan (the rare cases that must). */
class PointLookupsNarrowingTest {

    private final PointLookups lookups = new PointLookups();
    private MongoDatabase database;

    @BeforeEach
    void storeOneView() {
        database = DurableH2Backend.isolatedInMemory().resolveDatabase("lookups");
        database.createCollectionOrThrowIfExists("views").addDocument(new Document("_id", "v-1").append("position", 10L));
    }

    /** An update the collection leaves to upstream ({@code $mul}; {@code $set} and the like it applies itself). */
    private static Document update(Document filter, boolean upsert) {
        return new Document("update", "views").append("updates",
                List.of(new Document("q", filter).append("u", new Document("$mul", new Document("x", 2))).append("upsert", upsert)));
    }

    private static Document filterOf(Document command) {
        Document statement = (Document) ((List<?>) command.get("updates")).get(0);
        return (Document) statement.get("q");
    }

    private static Document newerThan(String id, long position) {
        return new Document("_id", id).append("position", new Document("$lt", position));
    }

    @Test
    void aMatchingDocumentIsUpdatedByItsIdAlone() {
        assertThat(filterOf(lookups.narrow(database, "update", update(newerThan("v-1", 11), false))))
                .isEqualTo(new Document("_id", "v-1"));
    }

    @Test
    void theDriversAndFormIsNarrowedToo() {
        // Filters.and(eq("_id", …), lt("position", …)) reaches the server as {$and: [{_id: …}, {position: {$lt: …}}]}.
        Document and = new Document("$and", List.of(new Document("_id", "v-1"),
                new Document("position", new Document("$lt", 11L))));
        assertThat(filterOf(lookups.narrow(database, "update", update(and, false)))).isEqualTo(new Document("_id", "v-1"));
        Document missing = new Document("$and", List.of(new Document("_id", "v-2"),
                new Document("position", new Document("$lt", 11L))));
        assertThat(filterOf(lookups.narrow(database, "update", update(missing, true)))).isEqualTo(new Document("_id", "v-2"));
        Document withEquality = new Document("$and", List.of(new Document("_id", "v-2"), new Document("claimToken", "t")));
        assertThat(filterOf(lookups.narrow(database, "update", update(withEquality, true)))).isSameAs(withEquality);
    }

    @Test
    void aDocumentThatDoesNotMatchIsLookedUpAndLeft() {
        assertThat(filterOf(lookups.narrow(database, "update", update(newerThan("v-1", 10), false))))
                .isEqualTo(new Document("_id", new Document("$in", List.of())));
    }

    @Test
    void aMissingDocumentIsUpsertedByItsId() {
        assertThat(filterOf(lookups.narrow(database, "update", update(newerThan("v-2", 1), true))))
                .isEqualTo(new Document("_id", "v-2"));
    }

    @Test
    void theRareCasesKeepTheirFilter() {
        Document stale = newerThan("v-1", 5);
        assertThat(filterOf(lookups.narrow(database, "update", update(stale, true)))).isSameAs(stale);
        Document withEquality = new Document("_id", "v-2").append("claimToken", "t");
        assertThat(filterOf(lookups.narrow(database, "update", update(withEquality, true)))).isSameAs(withEquality);
        Document idOnly = new Document("_id", "v-1");
        Document command = update(idOnly, false);
        assertThat(lookups.narrow(database, "update", command)).isSameAs(command);
        Document byRange = new Document("_id", new Document("$gt", "v")).append("position", 10L);
        assertThat(filterOf(lookups.narrow(database, "update", update(byRange, false)))).isSameAs(byRange);
    }

    @Test
    void findsAndFindAndModifyAreNarrowedToo() {
        Document find = new Document("find", "views").append("filter", newerThan("v-1", 11));
        assertThat(lookups.narrow(database, "find", find).get("filter")).isEqualTo(new Document("_id", "v-1"));
        Document modify = new Document("findAndModify", "views").append("query", newerThan("v-1", 3))
                .append("update", new Document("$set", new Document("x", 1)));
        assertThat(lookups.narrow(database, "findAndModify", modify).get("query"))
                .isEqualTo(new Document("_id", new Document("$in", List.of())));
        // the command as sent is never changed in place
        assertThat(modify.get("query")).isEqualTo(newerThan("v-1", 3));
    }

    @Test
    void theFiltersAWriteWarmsAreThoseNamingOneId() {
        Document byId = newerThan("v-1", 11);
        Document byPattern = new Document("_id", new de.bwaldvogel.mongo.bson.BsonRegularExpression("^v-", ""));
        Document byStatus = new Document("status", "OPEN");
        Document updates = new Document("update", "views").append("updates", List.of(
                new Document("q", byId).append("u", new Document("x", 1)),
                new Document("q", byPattern).append("u", new Document("x", 1)),
                new Document("q", byStatus).append("u", new Document("x", 1))));
        Document deletes = new Document("delete", "views").append("deletes",
                List.of(new Document("q", new Document("_id", "v-2")).append("limit", 1)));
        Document findAndModify = new Document("findAndModify", "views").append("query", new Document("_id", "v-3"))
                .append("update", new Document("$set", new Document("x", 1)));

        assertThat(PointLookups.writeFilters("update", updates)).containsExactly(byId);
        assertThat(PointLookups.writeFilters("delete", deletes)).containsExactly(new Document("_id", "v-2"));
        assertThat(PointLookups.writeFilters("findAndModify", findAndModify)).containsExactly(new Document("_id", "v-3"));
        assertThat(PointLookups.writeFilters("insert", new Document("insert", "views"))).isEmpty();
    }
}
