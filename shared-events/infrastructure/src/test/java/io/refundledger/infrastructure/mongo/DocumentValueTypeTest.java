package io.refundledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents stored through {@link DocumentValueType} read back as the wire would carry them, and a data file whose
 * documents were Java-serialised (written before, or by mongo-java-server's own backend) is read, changed and read
 * again, old and new documents side by side.
 */
class DocumentValueTypeTest {

    @TempDir
    Path data;

    @Test
    void everyKindOfValueReadsBackAsItWasWritten() {
        Document nested = new Document("amount", new Decimal128(new BigDecimal("1234.56"))).append("currency", "CNY");
        Document document = new Document("_id", "RF-20261204-000001")
                .append("text", "退费 refund").append("int", 42).append("long", 1L << 40).append("double", -0.5)
                .append("true", true).append("null", null).append("at", Instant.parse("2026-12-04T04:30:00.123Z"))
                .append("objectId", new ObjectId()).append("uuid", UUID.fromString("2a68f65d-e716-37d2-b82d-777345eb0fb6"))
                .append("binary", new BinData(new byte[] {1, 2, 3})).append("timestamp", new BsonTimestamp(7L))
                .append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("money", nested).append("list", List.of(1, "two", new Document("three", 3.0), List.of()))
                .append("empty", new Document());

        Object read = roundTrip(new DocumentValueType(), document);

        assertThat(read).isEqualTo(document);
        assertThat(DocumentValueType.encode((Document) read)).isEqualTo(DocumentValueType.encode(document));
    }

    @Test
    void aTypeThatKeepsBsonReadsTheDocumentsBytesAndWritesThemUnchanged() {
        Document document = new Document("_id", "RF-20261207-000001").append("text", "退费 refund")
                .append("money", new Document("amount", new Decimal128(new BigDecimal("99.90"))).append("currency", "CNY"))
                .append("at", Instant.parse("2026-12-07T04:30:00Z")).append("list", List.of(1, "two"));
        DocumentValueType keeping = new DocumentValueType(true);

        Object read = roundTrip(keeping, document);

        assertThat(read).isInstanceOf(StoredDocument.class);
        byte[] bson = ((StoredDocument) read).bson();
        assertThat(bson).isEqualTo(DocumentValueType.encode(document));
        assertThat(DocumentValueType.decode(bson)).isEqualTo(document);
        // Written again, the kept bytes are exactly what writing the document writes; both types read either.
        assertThat(bytes(keeping, read)).isEqualTo(bytes(new DocumentValueType(), document));
        assertThat(roundTrip(new DocumentValueType(), read)).isEqualTo(document);
        // H2's page size follows this estimate: the same as for the decoded document (two bytes per BSON byte).
        assertThat(keeping.getMemory(read)).isEqualTo(2 * bson.length);
    }

    @Test
    void documentsReadByQueriesAreDecodedOnceAndOthersEachTime() {
        DocumentValueType keeping = new DocumentValueType(true);
        Document document = new Document("_id", "2026-12").append("refunds", 42);
        StoredDocument read = new StoredDocument(DocumentValueType.encode(document));
        StoredDocument scanned = new StoredDocument(DocumentValueType.encode(document));

        Document first = keeping.decoded(read, true);
        assertThat(first).isEqualTo(document);
        assertThat(keeping.decoded(read, true)).isSameAs(first);
        assertThat(keeping.decoded(read, false)).isSameAs(first);
        // A scan or a write about to replace the document decodes it without keeping it.
        Document once = keeping.decoded(scanned, false);
        assertThat(once).isEqualTo(document);
        assertThat(keeping.decoded(scanned, false)).isNotSameAs(once);
        // Too large to keep: decoded each time.
        StoredDocument large = new StoredDocument(DocumentValueType.encode(new Document("_id", "x").append("text", "x".repeat(1_100_000))));
        assertThat(keeping.decoded(large, true)).isNotSameAs(keeping.decoded(large, true));
        // Kept within a budget of 16 MB of BSON: 40 documents of 0.5 MB are not all kept.
        List<StoredDocument> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new StoredDocument(DocumentValueType.encode(new Document("_id", i).append("text", "y".repeat(500_000)))));
        }
        many.forEach(stored -> keeping.decoded(stored, true));
        long kept = many.stream().filter(stored -> keeping.decoded(stored, false) == keeping.decoded(stored, false)).count();
        assertThat(kept).isPositive().isLessThanOrEqualTo(16L * 1024 * 1024 / 500_000);
    }

    @Test
    void aDocumentBsonCannotCarryAndEveryOtherValueAreWrittenAsH2WritesThem() {
        DocumentValueType type = new DocumentValueType();
        Document unusual = new Document("day", LocalDate.of(2026, 12, 4));
        assertThat(DocumentValueType.encode(unusual)).isNull();

        for (Object value : List.of(unusual, "a string", 17L, new ArrayList<>(List.of("x")))) {
            assertThat(bytes(type, value)).as("%s", value).isEqualTo(bytes(new ObjectDataType(), value));
            assertThat(roundTrip(type, value)).isEqualTo(value);
        }
    }

    @Test
    void aFileOfJavaSerialisedDocumentsIsReadChangedAndReadAgain() {
        int written = 1_000;
        try (EmbeddedMongoServer upstream = EmbeddedMongoServer.startUpstreamFileBackend(data);
             MongoClient client = MongoClients.create(upstream.connectionString("ledger"))) {
            views(client).insertMany(documents(0, written));
        }
        try (EmbeddedMongoServer durable = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(durable.connectionString("ledger"))) {
            assertFound(client, 2 * written, written);
            for (int i = 0; i < written; i += 2) {
                views(client).updateOne(Filters.eq("_id", id(i)), Updates.set("status", "PAID"));
            }
            views(client).insertMany(documents(written, written));
        }
        try (EmbeddedMongoServer durable = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(durable.connectionString("ledger"))) {
            assertFound(client, 2 * written, 2 * written);
            for (int i = 0; i < 2 * written; i++) {
                String status = views(client).find(Filters.eq("_id", id(i))).first().getString("status");
                assertThat(status).as("document %d", i).isEqualTo(i < written && i % 2 == 0 ? "PAID" : "SUBMITTED");
            }
        }
        // In the file: every document written or changed since is BSON (and so are its neighbours on a rewritten page).
        Map<Boolean, Integer> asBson = new HashMap<>();
        try (MVStore file = new MVStore.Builder().fileName(data.resolve(EmbeddedMongoServer.DATA_FILE_NAME).toString()).readOnly().open()) {
            MVMap<Object, Object> views = file.openMap("databases.ledger.views", new MVMap.Builder<Object, Object>()
                    .valueType(new ObjectDataType() {
                        private final DocumentValueType documents = new DocumentValueType();

                        @Override
                        public Object read(ByteBuffer buffer) {
                            asBson.merge((buffer.get(buffer.position()) & 0xff) == DocumentValueType.TAG_BSON_DOCUMENT, 1, Integer::sum);
                            return documents.read(buffer);
                        }
                    }));
            views.values().forEach(document -> assertThat(document).isInstanceOf(Document.class));
        }
        assertThat(asBson.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * written);
        assertThat(asBson.get(true)).isGreaterThanOrEqualTo(written + written / 2);
    }

    private static Object roundTrip(ObjectDataType type, Object value) {
        return type.read(ByteBuffer.wrap(bytes(type, value)));
    }

    private static byte[] bytes(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    private static MongoCollection<org.bson.Document> views(MongoClient client) {
        return client.getDatabase("ledger").getCollection("views");
    }

    private static String id(int i) {
        return "app-" + Integer.toHexString(i * 7919);
    }

    private static List<org.bson.Document> documents(int from, int count) {
        List<org.bson.Document> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(new org.bson.Document("_id", id(i)).append("n", i).append("status", "SUBMITTED")
                    .append("amount", new org.bson.types.Decimal128(new BigDecimal(i + ".50")))
                    .append("history", List.of(new org.bson.Document("at", java.util.Date.from(Instant.ofEpochSecond(i))))));
        }
        return batch;
    }

    /** Every document up to {@code range} that should be there is, with its fields; {@code count} in all. */
    private static void assertFound(MongoClient client, int range, int count) {
        for (int i = 0; i < count; i++) {
            org.bson.Document found = views(client).find(Filters.eq("_id", id(i))).first();
            assertThat(found).as("document %d", i).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(i);
            assertThat(found.get("amount", org.bson.types.Decimal128.class).bigDecimalValue()).isEqualByComparingTo(i + ".50");
        }
        assertThat(views(client).countDocuments()).isEqualTo(count);
        assertThat(range).isGreaterThanOrEqualTo(count);
    }
}
