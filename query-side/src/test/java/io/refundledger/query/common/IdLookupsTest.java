package io.refundledger.query.common;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdLookupsTest {

    @Test
    void findsEveryExistingDocumentAcrossSlicesAndSkipsTheMissing() {
        try (MongoClient client = MongoClients.create(TestMongo.freshDatabaseUri())) {
            MongoCollection<Document> views = client.getDatabase("id-lookups").getCollection("views");
            views.insertMany(IntStream.range(0, 300).mapToObj(i -> new Document("_id", "v-" + i).append("n", i)).toList());
            List<String> wanted = new ArrayList<>(IntStream.range(0, 300).filter(i -> i % 2 == 0).mapToObj(i -> "v-" + i).toList());
            wanted.add("missing");

            List<Integer> found = IdLookups.findByIds(views, wanted, d -> d.getInteger("n"));

            assertThat(wanted).hasSizeGreaterThan(IdLookups.SLICE);
            assertThat(found).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 300).filter(i -> i % 2 == 0).boxed().toList());
        }
    }
}
