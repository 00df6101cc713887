package io.refundledger.infrastructure.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A filter on one {@code _id} plus conditions answers exactly as MongoDB would, now that the embedded server runs it
 * as an {@code _id} lookup: matched, not matched, missing, upserted, refused as a duplicate.
 */
class PointLookupsTest {

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoCollection<Document> views;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.startInMemory();
        client = MongoClients.create(server.connectionString(""));
        views = client.getDatabase("lookups").getCollection("views");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", "v-" + i).append("position", 10L).append("claimToken", "t-" + i));
        }
        views.insertMany(documents);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Bson newerThanStored(String id, long position) {
        return and(eq("_id", id), lt("position", position));
    }

    @Test
    void updatesTheDocumentWhenItMatchesTheConditions() {
        UpdateResult result = views.updateOne(newerThanStored("v-3", 11), Updates.set("position", 11L));

        assertThat(result.getMatchedCount()).isEqualTo(1);
        assertThat(views.find(eq("_id", "v-3")).first().getLong("position")).isEqualTo(11L);
        assertThat(views.find(eq("_id", "v-4")).first().getLong("position")).isEqualTo(10L);
    }

    @Test
    void leavesTheDocumentWhenItDoesNotMatch() {
        UpdateResult result = views.updateOne(newerThanStored("v-3", 10), Updates.set("marker", true));

        assertThat(result.getMatchedCount()).isZero();
        assertThat(views.find(eq("_id", "v-3")).first().containsKey("marker")).isFalse();
    }

    @Test
    void upsertsAMissingDocumentWithOnlyItsIdFromTheFilter() {
        views.updateOne(newerThanStored("v-new", 5), Updates.set("payload", "p"), new UpdateOptions().upsert(true));

        assertThat(views.find(eq("_id", "v-new")).first()).isEqualTo(new Document("_id", "v-new").append("payload", "p"));
    }

    @Test
    void anUpsertOnAStaleDocumentCollidesOnTheIdAsOnMongoDb() {
        assertThatThrownBy(() -> views.updateOne(newerThanStored("v-3", 9), Updates.set("position", 9L),
                new UpdateOptions().upsert(true)))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThat(views.find(eq("_id", "v-3")).first().getLong("position")).isEqualTo(10L);
    }

    @Test
    void anUpsertWithAnEqualityConditionCopiesItIntoTheInsertedDocument() {
        views.updateOne(and(eq("_id", "v-other"), eq("claimToken", "t-x")), Updates.set("payload", "p"),
                new UpdateOptions().upsert(true));

        assertThat(views.find(eq("_id", "v-other")).first().getString("claimToken")).isEqualTo("t-x");
    }

    @Test
    void findsDeletesAndFindOneAndUpdatesByIdAndConditions() {
        assertThat(views.find(and(eq("_id", "v-7"), eq("claimToken", "t-7"))).first()).isNotNull();
        assertThat(views.find(and(eq("_id", "v-7"), eq("claimToken", "t-8"))).first()).isNull();
        assertThat(views.find(and(eq("_id", "v-missing"), eq("claimToken", "t-7"))).first()).isNull();

        Document claimed = views.findOneAndUpdate(and(eq("_id", "v-8"), eq("claimToken", "t-8")),
                Updates.set("claimToken", "mine"), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(claimed.getString("claimToken")).isEqualTo("mine");
        assertThat(views.findOneAndUpdate(and(eq("_id", "v-8"), eq("claimToken", "t-8")), Updates.set("claimToken", "again")))
                .isNull();

        assertThat(views.deleteOne(and(eq("_id", "v-9"), eq("claimToken", "other"))).getDeletedCount()).isZero();
        assertThat(views.deleteOne(and(eq("_id", "v-9"), eq("claimToken", "t-9"))).getDeletedCount()).isEqualTo(1);
        assertThat(views.countDocuments()).isEqualTo(49);
    }

    @Test
    void aBulkWriteNarrowsEachStatementOnItsOwn() {
        views.bulkWrite(List.of(
                new UpdateOneModel<>(newerThanStored("v-1", 20), Updates.set("position", 20L)),
                new UpdateOneModel<>(newerThanStored("v-2", 5), Updates.set("position", 5L)),
                new UpdateOneModel<>(newerThanStored("v-51", 1), Updates.set("position", 1L),
                        new UpdateOptions().upsert(true))));

        assertThat(views.find(eq("_id", "v-1")).first().getLong("position")).isEqualTo(20L);
        assertThat(views.find(eq("_id", "v-2")).first().getLong("position")).isEqualTo(10L);
        assertThat(views.find(eq("_id", "v-51")).first().getLong("position")).isEqualTo(1L);
    }

    @Test
    void aPatternOnTheIdIsNoLookupAndKeepsTheOtherConditions() {
        // v-1 and v-10 … v-19 start with "v-1"; only v-12 has this claim token.
        Bson startsWithV1AndClaimedByT12 = and(regex("_id", "^v-1"), eq("claimToken", "t-12"));

        assertThat(views.find(startsWithV1AndClaimedByT12).into(new ArrayList<>())).extracting(d -> d.get("_id"))
                .containsExactly("v-12");
        assertThat(views.updateMany(startsWithV1AndClaimedByT12, Updates.set("marker", true)).getModifiedCount()).isEqualTo(1);
        assertThat(views.deleteMany(startsWithV1AndClaimedByT12).getDeletedCount()).isEqualTo(1);
        assertThat(views.countDocuments()).isEqualTo(49);
    }
}
