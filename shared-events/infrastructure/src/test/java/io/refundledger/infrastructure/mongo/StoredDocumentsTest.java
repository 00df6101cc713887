package io.refundledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server keeps its documents as BSON in H2's pages ({@link StoredDocument}) and decodes them as it reads
 * them: every way of writing a document (insert, the direct replace, upstream's update operators, upsert, delete)
 * leaves the map holding BSON, and every way of reading (by {@code _id}, by filter, in reverse natural order, counts)
 * answers as before, also from the file after a restart.
 */
class StoredDocumentsTest {

    private static final String MAP = "databases.ledger.views";

    @TempDir
    Path data;

    @Test
    void everyWriteKeepsBsonAndEveryReadDecodesIt() {
        List<Document> expected;
        MVStore store = open();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onStore(store);
             MongoClient client = MongoClients.create(server.connectionString("ledger"))) {
            MongoCollection<Document> views = client.getDatabase("ledger").getCollection("views");
            for (int i = 0; i < 50; i++) {
                views.insertOne(new Document("_id", "RF-" + i).append("n", i).append("status", "OPEN")
                        .append("money", new Document("amount", "10.00").append("currency", "CNY")));
            }
            // The direct replace (a position guard), upstream's operators, an upsert and a delete.
            views.replaceOne(Filters.and(Filters.eq("_id", "RF-1"), Filters.lte("n", 1)),
                    new Document("n", 1).append("status", "PAID"), new ReplaceOptions().upsert(true));
            views.updateOne(Filters.eq("_id", "RF-2"), Updates.combine(Updates.set("status", "APPROVED"), Updates.inc("n", 100)));
            views.updateOne(Filters.eq("_id", "RF-new"), Updates.set("n", -1), new com.mongodb.client.model.UpdateOptions().upsert(true));
            views.deleteOne(Filters.eq("_id", "RF-3"));

            assertThat(views.find(Filters.eq("_id", "RF-1")).first()).isEqualTo(new Document("_id", "RF-1").append("n", 1)
                    .append("status", "PAID"));
            assertThat(views.find(Filters.eq("_id", "RF-2")).first().getInteger("n")).isEqualTo(102);
            assertThat(views.find(Filters.eq("status", "APPROVED")).into(new ArrayList<>())).hasSize(1);
            assertThat(views.countDocuments()).isEqualTo(50);
            List<Document> reversed = views.find().sort(Sorts.descending("$natural")).into(new ArrayList<>());
            expected = views.find().into(new ArrayList<>());
            assertThat(reversed).hasSize(50).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(views.find(Filters.eq("_id", "RF-3")).first()).isNull();

            assertEveryValueIsBson(store);
        }
        store.close();

        MVStore reopened = open();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onStore(reopened);
             MongoClient client = MongoClients.create(server.connectionString("ledger"))) {
            MongoCollection<Document> views = client.getDatabase("ledger").getCollection("views");
            assertThat(views.find().into(new ArrayList<>())).isEqualTo(expected);
            assertThat(views.find(Filters.eq("_id", "RF-new")).first()).isEqualTo(new Document("_id", "RF-new").append("n", -1));
            assertEveryValueIsBson(reopened);
        }
        reopened.close();
    }

    private MVStore open() {
        return new MVStore.Builder().fileName(data.resolve("stored.mv").toString()).open();
    }

    private static void assertEveryValueIsBson(MVStore store) {
        MVMap<Object, Object> documents = store.openMap(MAP);
        assertThat(documents.values()).hasSize(50).allSatisfy(value -> assertThat(value).isInstanceOf(StoredDocument.class));
    }
}
