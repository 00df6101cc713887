package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which update statements {@link FastReplaceH2Collection} applies itself, and that {@link PointLookups} leaves those alone. */
class FastReplaceEligibilityTest {

    private final PointLookups lookups = new PointLookups();
    private MongoDatabase database;
    private FastReplaceH2Collection views;

    @BeforeEach
    void openCollection() {
        database = DurableH2Backend.isolatedInMemory().resolveDatabase("direct");
        views = (FastReplaceH2Collection) database.createCollectionOrThrowIfExists("views");
        views.addDocument(new Document("_id", "v-1").append("position", 10L));
    }

    private static Document statement(Document filter, Document update) {
        return new Document("q", filter).append("u", update).append("upsert", true).append("multi", false);
    }

    /** As the driver sends {@code Filters.and(eq("_id", id), lte("position", p))}. */
    private static Document guard(Object id) {
        return new Document("$and", List.of(new Document("_id", id), new Document("position", new Document("$lte", 11L))));
    }

    private static final Document VIEW = new Document("_id", "v-1").append("position", 11L).append("nested", new Document("a", 1));

    @Test
    void takesReplacementsByOneIdWithValuesAndComparisons() {
        assertThat(views.replacesDirectly(statement(guard("v-1"), VIEW))).isTrue();
        assertThat(views.replacesDirectly(statement(new Document("_id", "v-1"), new Document("x", 1)))).isTrue();
        assertThat(views.replacesDirectly(statement(new Document("_id", "v-1").append("claim", "t")
                .append("position", new Document("$gt", 1L).append("$lt", 20L)), VIEW))).isTrue();
        for (Object id : List.of(7, 7L, new ObjectId(), java.util.UUID.randomUUID())) {
            assertThat(views.replacesDirectly(statement(guard(id), new Document("x", 1)))).as("%s", id).isTrue();
        }
    }

    @Test
    void takesUpdatesOfOperatorsThatLeaveTheIdAndNeedNoArrayPosition() {
        for (Document update : List.of(new Document("$set", new Document("x", 1)),
                new Document("$push", new Document("entries", new Document("$each", List.of(1, 2)))).append("$set",
                        new Document("position", 3L)),
                new Document("$addToSet", new Document("ids", "a")).append("$max", new Document("position", 3L)),
                new Document("$set", new Document("members.k", 1)).append("$inc", new Document("version", 1)),
                new Document("$unset", new Document("x", "")).append("$min", new Document("y", 1))
                        .append("$setOnInsert", new Document("z", 1)))) {
            assertThat(views.replacesDirectly(statement(guard("v-1"), update))).as("%s", update).isTrue();
        }
        for (Document update : List.of(new Document("$set", new Document("_id", "other")),
                new Document("$set", new Document("_id.x", 1)), new Document("$set", new Document("entries.$", 1)),
                new Document("$set", new Document("entries.$[e]", 1)), new Document("$rename", new Document("x", "y")),
                new Document("$mul", new Document("x", 2)), new Document("$pull", new Document("ids", "a")),
                new Document("$set", new Document()), new Document("$set", 1))) {
            assertThat(views.replacesDirectly(statement(guard("v-1"), update))).as("%s", update).isFalse();
        }
    }

    @Test
    void leavesEverythingElseToUpstream() {
        Document update = new Document("$rename", new Document("x", "y"));
        assertThat(views.replacesDirectly(statement(guard("v-1"), update))).isFalse();
        assertThat(views.replacesDirectly(statement(guard("v-1"), new Document("a.b", 1)))).isFalse();
        assertThat(views.replacesDirectly(statement(guard("v-1"), VIEW).append("multi", true))).isFalse();
        assertThat(views.replacesDirectly(statement(guard("v-1"), VIEW).append("arrayFilters", List.of(new Document("e.x", 1)))))
                .isFalse();
        assertThat(views.replacesDirectly(statement(guard("v-1"), VIEW).append("arrayFilters", List.of()))).isTrue();
        for (Document filter : List.of(new Document("position", 1L), new Document("_id", new Document("$in", List.of("v-1"))),
                new Document("_id", 7.0), new Document("_id", new Document("a", 1)),
                new Document("$and", List.of(new Document("_id", "v-1"), new Document("_id", "v-2"))),
                new Document("_id", "v-1").append("$or", List.of(new Document("a", 1))),
                new Document("_id", "v-1").append("name", new Document("$regex", "x")),
                new Document("_id", "v-1").append("tags", new Document("$in", "x")),
                new Document("$and", List.of()))) {
            assertThat(views.replacesDirectly(statement(filter, VIEW))).as("%s", filter).isFalse();
        }
    }

    @Test
    void aCollectionWithAnotherIndexIsUpstreamsAlone() {
        MongoCollection<?> users = database.createCollectionOrThrowIfExists("users");
        database.handleCommand(new EmbeddedChannel(), "createIndexes", new Document("createIndexes", "users").append("indexes",
                List.of(new Document("key", new Document("email", 1)).append("name", "email_1").append("unique", true))), null, NoopOplog.get());
        assertThat(users.getIndexes()).extracting(index -> index.getKeys().get(0).getKey()).containsExactly("_id", "email");
        assertThat(((FastReplaceH2Collection) users).replacesDirectly(statement(guard("u-1"), new Document("email", "x"))))
                .isFalse();
    }

    @Test
    void pointLookupsLeaveTheStatementsItTakesAndNarrowTheOthers() {
        Document replacement = new Document("update", "views").append("updates", List.of(statement(guard("v-1"), VIEW)));
        assertThat(lookups.narrow(database, "update", replacement)).isSameAs(replacement);

        Document takenOperators = new Document("update", "views").append("updates",
                List.of(statement(guard("v-1"), new Document("$set", new Document("x", 1)))));
        assertThat(lookups.narrow(database, "update", takenOperators)).isSameAs(takenOperators);

        Document operators = new Document("update", "views").append("updates",
                List.of(statement(guard("v-1"), new Document("$rename", new Document("x", "y")))));
        Document narrowed = lookups.narrow(database, "update", operators);
        assertThat(((Document) ((List<?>) narrowed.get("updates")).get(0)).get("q")).isEqualTo(new Document("_id", "v-1"));
    }
}
