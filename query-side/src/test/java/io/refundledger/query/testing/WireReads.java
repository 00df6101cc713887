package io.refundledger.query.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Counts, per collection, the documents the server returns on the wire (every document a find or getMore answers),
 * and their bytes,
 * while a question is answered: how a test shows that a question reads a bounded number of documents whatever the
 * volume. Close it after the test.
 */
public final class WireReads implements AutoCloseable {

    /** Collection → documents returned, while counting. */
    private final Map<String, Long> read = new ConcurrentHashMap<>();
    /** Collection → BSON bytes of the documents returned, while counting. */
    private final Map<String, Long> bytes = new ConcurrentHashMap<>();
    private volatile boolean counting;
    private final List<MongoClient> clients = new ArrayList<>();

    /** A fresh database on the test server, reached through a client whose reads this counts. */
    public MongoDatabase freshDatabase() {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                if (!counting || !(event.getCommandName().equals("find") || event.getCommandName().equals("getMore"))) {
                    return;
                }
                BsonDocument cursor = event.getResponse().getDocument("cursor");
                String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
                String namespace = cursor.getString("ns").getValue();
                String collection = namespace.substring(namespace.indexOf('.') + 1);
                read.merge(collection, (long) cursor.getArray(batch).size(), Long::sum);
                for (BsonValue document : cursor.getArray(batch)) {
                    bytes.merge(collection, (long) new RawBsonDocument(document.asDocument(), new BsonDocumentCodec())
                            .getByteBuffer().remaining(), Long::sum);
                }
            }
        };
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.server().connectionString("")))
                .addCommandListener(listener).build());
        clients.add(client);
        return client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase());
    }

    /** Collection → documents returned while {@code answer} ran. */
    public Map<String, Long> during(Supplier<?> answer) {
        read.clear();
        bytes.clear();
        counting = true;
        try {
            answer.get();
        } finally {
            counting = false;
        }
        return new TreeMap<>(read);
    }

    /** Collection → BSON bytes of the documents returned while {@code answer} ran. */
    public Map<String, Long> bytesDuring(Supplier<?> answer) {
        during(answer);
        return new TreeMap<>(bytes);
    }

    /** Documents read from collections named {@code …_cells}. */
    public static long cells(Map<String, Long> reads) {
        return reads.entrySet().stream().filter(e -> e.getKey().endsWith("_cells")).mapToLong(Map.Entry::getValue).sum();
    }

    /** Documents read from every other collection (the indexes that name the cells). */
    public static long indexDocuments(Map<String, Long> reads) {
        return reads.entrySet().stream().filter(e -> !e.getKey().endsWith("_cells")).mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
    }
}
