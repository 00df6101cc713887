package io.refundledger.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index keys compared through {@link IndexKeyType} are in exactly H2's order, so a data file written before (or by
 * mongo-java-server's own backend) is read and extended in the order it was written.
 */
class IndexKeyTypeTest {

    @TempDir
    Path data;

    @Test
    void keysCompareExactlyAsH2ComparesThem() {
        IndexKeyType fast = new IndexKeyType();
        ObjectDataType h2 = new ObjectDataType();
        SplittableRandom random = new SplittableRandom(7);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(switch (i % 8) {
                case 0 -> new KeyValue("app-" + random.nextInt(1_000));
                case 1 -> new KeyValue((long) random.nextInt(-1_000, 1_000));
                case 2 -> new KeyValue(random.nextInt(-1_000, 1_000));
                case 3 -> new KeyValue(new de.bwaldvogel.mongo.bson.Document("a", i % 7).append("b", "x"));
                case 4 -> new KeyValue("退费-" + random.nextInt(100)); // not ASCII: Java-serialised
                case 5 -> new KeyValue(random.nextInt(-1_000, 1_000) / 8.0);
                case 6 -> new KeyValue("x".repeat(random.nextInt(250)));
                default -> new KeyValue("refund-progress", random.nextInt(4)); // a compound key, as the token store's
            });
        }
        // Equal by equals, different on disk: H2 tells them apart, and so must the fast comparison.
        keys.add(new KeyValue(new de.bwaldvogel.mongo.bson.Document("a", 1).append("b", "x")));
        keys.add(new KeyValue(new de.bwaldvogel.mongo.bson.Document("b", "x").append("a", 1)));
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(fast.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
        assertThat(fast.remembered()).isPositive();
    }

    @Test
    void commonKeysKeepNoBytes() {
        IndexKeyType fast = new IndexKeyType();
        List<KeyValue> keys = List.of(new KeyValue("app-1"), new KeyValue("app-2"), new KeyValue(1L), new KeyValue(2.5));
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                fast.compare(a, b);
            }
        }
        WriteBuffer file = new WriteBuffer();
        keys.forEach(key -> fast.write(file, key));
        ByteBuffer written = file.getBuffer();
        written.flip();
        keys.forEach(key -> assertThat(fast.read(written)).isEqualTo(key));
        assertThat(fast.remembered()).isZero();
    }

    @Test
    void keysAreWrittenByteForByteAsH2WritesThemAndReadBackWithTheirBytes() {
        IndexKeyType fast = new IndexKeyType();
        ObjectDataType h2 = new ObjectDataType();
        List<Object> values = List.of(new KeyValue("app-1"), new KeyValue(42L), new KeyValue(-7), new KeyValue(0.25),
                new KeyValue("退费-1"), new KeyValue("refund-progress", 3),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("b", "x").append("a", 1)), "not a key", 7L);
        for (Object value : values) {
            WriteBuffer ours = new WriteBuffer();
            fast.write(ours, value);
            fast.write(ours, value); // the second time from the kept bytes
            WriteBuffer theirs = new WriteBuffer();
            h2.write(theirs, value);
            h2.write(theirs, value);
            assertThat(bytes(ours)).as("%s", value).isEqualTo(bytes(theirs));

            ByteBuffer file = ByteBuffer.wrap(bytes(theirs));
            Object read = fast.read(file);
            assertThat(read).isEqualTo(value);
            assertThat(fast.read(file)).isEqualTo(value);
            assertThat(file.hasRemaining()).isFalse();
            // A key read from the file compares and writes from the bytes it was read from, as H2 would.
            WriteBuffer again = new WriteBuffer();
            fast.write(again, read);
            WriteBuffer expected = new WriteBuffer();
            h2.write(expected, value);
            assertThat(bytes(again)).isEqualTo(bytes(expected));
        }
    }

    private static byte[] bytes(WriteBuffer buffer) {
        ByteBuffer written = buffer.getBuffer().duplicate();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    @Test
    void aFileWrittenByTheUpstreamBackendIsReadExtendedAndReadAgain() {
        int written = 2_000;
        try (EmbeddedMongoServer upstream = EmbeddedMongoServer.startUpstreamFileBackend(data);
             MongoClient client = MongoClients.create(upstream.connectionString("ledger"))) {
            insert(client, 0, written);
        }
        try (EmbeddedMongoServer durable = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(durable.connectionString("ledger"))) {
            assertAllFound(client, written);
            insert(client, written, written);
            assertAllFound(client, 2 * written);
        }
        // Opened again, the index is read in the order it was written (documents are BSON now: DocumentValueTypeTest).
        try (EmbeddedMongoServer durable = EmbeddedMongoServer.startDurable(data, "127.0.0.1", 0, false);
             MongoClient client = MongoClients.create(durable.connectionString("ledger"))) {
            assertAllFound(client, 2 * written);
        }
    }

    private static void insert(MongoClient client, int from, int count) {
        MongoCollection<Document> views = client.getDatabase("ledger").getCollection("views");
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(new Document("_id", "app-" + Integer.toHexString(i * 7919)).append("n", i));
        }
        views.insertMany(batch);
    }

    private static void assertAllFound(MongoClient client, int count) {
        MongoCollection<Document> views = client.getDatabase("ledger").getCollection("views");
        for (int i = 0; i < count; i++) {
            Document found = views.find(Filters.eq("_id", "app-" + Integer.toHexString(i * 7919))).first();
            assertThat(found).as("document %d", i).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(i);
        }
        assertThat(views.countDocuments()).isEqualTo(count);
    }
}
