package io.refundledger.infrastructure.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The read models' position-guarded replaces, applied by {@link FastReplaceH2Collection}, leave the server exactly as
 * mongo-java-server's own update does: the same answers (matched, modified, upserted, duplicate keys, write errors of
 * ordered and unordered bulks), the same documents field for field, the same counts and data size, in memory and in a
 * file read again after a restart.
 */
class FastReplaceH2CollectionTest {

    private static final String POSITION = "lastAppliedPosition";

    @TempDir
    Path data;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** The filter of {@code PositionGuardedWrites.filterFor}: the driver sends it as {@code {$and: [{_id}, {$lte}]}}. */
    private static Bson guard(Object id, long position) {
        return and(eq("_id", id), lte(POSITION, position));
    }

    private static Document view(Object id, long position, Object amount) {
        return new Document("_id", id).append("status", "OPEN").append("amount", amount)
                .append("requested", new Document("amount", amount).append("currency", "CNY"))
                .append("history", List.of(new Document("step", "A").append("at", position), new Document("step", "B")))
                .append(POSITION, position);
    }

    private static ReplaceOneModel<Document> replace(Bson filter, Document document, boolean upsert) {
        return new ReplaceOneModel<>(filter, document, new ReplaceOptions().upsert(upsert));
    }

    /** The same fields in reverse order. */
    private static Document reversed(Document document) {
        List<String> fields = new ArrayList<>(document.keySet());
        Document reversed = new Document();
        for (int i = fields.size() - 1; i >= 0; i--) {
            reversed.append(fields.get(i), document.get(fields.get(i)));
        }
        return reversed;
    }

    /**
     * Every kind of statement the fast path takes, declines or refuses. Errors: 9 (a duplicate _id) and 15 (another
     * _id); upserts: 11 and 16.
     */
    private static List<WriteModel<Document>> mixedBulk(int round) {
        long p = 10L * round;
        List<WriteModel<Document>> bulk = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bulk.add(replace(guard("v-" + i, p), view("v-" + i, p, 100 + i + round), true)); // 0-5 newer: replaced
        }
        bulk.add(replace(guard("v-6", p), view("v-6", 0, 106), true));                     // 6 the same: not modified
        bulk.add(replace(guard("v-7", p), view("v-7", 0, 107L), true));                    // 7 107 as a long: written, not modified
        bulk.add(replace(guard("v-8", p), new Document(POSITION, p).append("status", "CLOSED")
                .append("amount", 1), true));                                               // 8 no _id, fewer fields, new order
        bulk.add(replace(guard("v-9", -1), view("v-9", -1, 9), true));                      // 9 older than stored: duplicate _id
        bulk.add(replace(guard("v-10", -1), view("v-10", -1, 10), false));                  // 10 older, no upsert: nothing
        bulk.add(replace(guard("new-" + round, p), view("new-" + round, p, 5), true));      // 11 missing: inserted
        bulk.add(replace(guard("gone-" + round, p), view("gone-" + round, p, 5), false));   // 12 missing, no upsert: nothing
        bulk.add(replace(eq("_id", "v-11"), view("v-11", p, 11), true));                    // 13 by _id alone
        bulk.add(replace(new Document("_id", "v-12").append(POSITION, new Document("$lte", p)),
                view("v-12", p, 12), true));                                                // 14 the flat form
        bulk.add(replace(guard("v-13", p), view("other", p, 13), true));                    // 15 another _id: refused
        bulk.add(replace(and(eq("_id", "eq-" + round), eq("status", "OPEN")),
                new Document("amount", 1), true));                                          // 16 an equality: upstream's
        bulk.add(replace(guard("v-14", p), reversed(view("v-14", 0, 114)), true));         // 17 reordered: written, not modified
        bulk.add(replace(guard(15, p), view(15, p, 15), true));                             // 18 numeric _ids
        bulk.add(replace(guard(16L, p), view(16L, p, 16), true));                           // 19
        bulk.add(replace(guard(17, p), view(17L, p, 17), true));                            // 20 _id 17 as a long: upstream's
        bulk.add(replace(guard(18.0, p), view(18L, p, 18), true));                          // 21 a double _id: upstream's
        // An operator update: upstream's. An ordered bulk sends it as a command of its own, not sent after errors.
        bulk.add(new UpdateOneModel<>(guard("v-15", p), Updates.set("status", "SET")));
        return bulk;
    }

    private static void seed(MongoCollection<Document> views) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            documents.add(view("v-" + i, 0, 100 + i));
        }
        documents.addAll(List.of(view(15, 0, 15), view(16L, 0, 16), view(17, 0, 17), view(18L, 0, 18)));
        views.insertMany(documents);
    }

    /** What a bulk answered: its result, or its write errors (index, code, message) and the result beside them. */
    private static String outcome(MongoCollection<Document> views, List<WriteModel<Document>> bulk, boolean ordered) {
        try {
            return describe(views.bulkWrite(bulk, new BulkWriteOptions().ordered(ordered)));
        } catch (MongoBulkWriteException e) {
            StringBuilder errors = new StringBuilder("errors:");
            e.getWriteErrors().forEach(error -> errors.append(" [").append(error.getIndex()).append(' ')
                    .append(error.getCode()).append(' ').append(error.getMessage()).append(']'));
            return errors + " " + describe(e.getWriteResult());
        }
    }

    private static String describe(BulkWriteResult result) {
        StringBuilder upserts = new StringBuilder();
        result.getUpserts().forEach(upsert -> upserts.append(' ').append(upsert.getIndex()).append('=').append(upsert.getId()));
        return "matched " + result.getMatchedCount() + " modified " + result.getModifiedCount() + " inserted "
                + result.getInsertedCount() + " upserts" + upserts;
    }

    /** The collection as stored: every document in the server's order, field for field, its counts and data size. */
    private static List<String> contents(MongoDatabase database, String collection) {
        MongoCollection<Document> views = database.getCollection(collection);
        List<String> contents = views.find().map(Document::toJson).into(new ArrayList<>());
        Document stats = database.runCommand(new Document("collStats", collection));
        contents.add("count " + views.countDocuments() + " estimated " + views.estimatedDocumentCount() + " collStats count "
                + stats.get("count") + " size " + stats.get("size"));
        return contents;
    }

    private MongoDatabase connect(EmbeddedMongoServer server) {
        opened.add(server);
        MongoClient client = MongoClients.create(server.connectionString(""));
        opened.add(client);
        return client.getDatabase("fast");
    }

    private static EmbeddedMongoServer upstreamInMemory() {
        return new EmbeddedMongoServer(DurableH2Backend.withUpstreamReplaces(new MVStore.Builder().open()), "127.0.0.1", 0);
    }

    /**
     * Three rounds of {@code bulk(round)}, ordered and unordered, on a fast and an upstream server seeded alike: the same
     * answers and the same contents after each, each answer also given to {@code checkAnswer}. Returns the fast
     * server's database.
     */
    private MongoDatabase answersAndStoresAsUpstream(java.util.function.IntFunction<List<WriteModel<Document>>> bulk,
                                                     java.util.function.BiConsumer<Integer, String> checkAnswer) {
        MongoDatabase fast = connect(EmbeddedMongoServer.startInMemory());
        MongoDatabase upstream = connect(upstreamInMemory());
        for (MongoDatabase database : List.of(fast, upstream)) {
            seed(database.getCollection("ordered"));
            seed(database.getCollection("unordered"));
        }
        for (int round = 1; round <= 3; round++) {
            for (boolean ordered : List.of(true, false)) {
                String name = ordered ? "ordered" : "unordered";
                String answered = outcome(fast.getCollection(name), bulk.apply(round), ordered);
                assertThat(answered).as("round %d, %s", round, name)
                        .isEqualTo(outcome(upstream.getCollection(name), bulk.apply(round), ordered));
                checkAnswer.accept(round, answered);
                assertThat(contents(fast, name)).as("round %d, %s", round, name).isEqualTo(contents(upstream, name));
            }
        }
        return fast;
    }

    @Test
    void mixedBulksAnswerAndStoreExactlyAsUpstreamsUpdate() {
        // Upstream applies every statement of an update command even when it is ordered (MongoDB stops at the first
        // error), so both errors come back from either bulk: the fast path leaves that command loop as it is.
        MongoDatabase fast = answersAndStoresAsUpstream(FastReplaceH2CollectionTest::mixedBulk, (round, answered) ->
                assertThat(answered).contains("[9 11000 ").contains("[15 66 ")
                        .contains(" 11=BsonString{value='new-" + round + "'}").contains(" 16=BsonString{value='eq-" + round + "'}"));
        assertThat(fast.getCollection("ordered").find(eq("_id", "v-8")).first())
                .isEqualTo(new Document("_id", "v-8").append("status", "CLOSED").append("amount", 1).append(POSITION, 30L));
    }

    @Test
    void singleReplacesAnswerAsUpstreamsToo() {
        MongoDatabase fast = connect(EmbeddedMongoServer.startInMemory());
        MongoDatabase upstream = connect(upstreamInMemory());
        List<String> answers = new ArrayList<>();
        for (MongoDatabase database : List.of(fast, upstream)) {
            MongoCollection<Document> views = database.getCollection("views");
            seed(views);
            StringBuilder answer = new StringBuilder();
            answer.append(views.replaceOne(guard("v-1", 5), view("v-1", 5, 1), new ReplaceOptions().upsert(true)));
            answer.append(views.replaceOne(guard("v-1", 5), view("v-1", 5, 1), new ReplaceOptions().upsert(true)));
            answer.append(views.replaceOne(guard("v-x", 5), view("v-x", 5, 1), new ReplaceOptions().upsert(true)));
            answer.append(views.replaceOne(guard("v-y", 5), view("v-y", 5, 1)));
            MongoWriteException duplicate = (MongoWriteException) catchThrowable(() ->
                    views.replaceOne(guard("v-2", -1), view("v-2", -1, 1), new ReplaceOptions().upsert(true)));
            answer.append(duplicate.getCode()).append(' ').append(duplicate.getError().getMessage());
            answers.add(answer.toString());
            answers.addAll(contents(database, "views"));
        }
        assertThat(answers.subList(0, answers.size() / 2)).isEqualTo(answers.subList(answers.size() / 2, answers.size()));
        assertThat(answers.get(0)).contains("11000");
    }

    @Test
    void aCollectionWithASecondUniqueIndexIsLeftToUpstreamAndItsIndexHolds() {
        MongoDatabase fast = connect(EmbeddedMongoServer.startInMemory());
        MongoCollection<Document> users = fast.getCollection("users");
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        users.insertMany(List.of(new Document("_id", "u-1").append("email", "a@x").append(POSITION, 1L),
                new Document("_id", "u-2").append("email", "b@x").append(POSITION, 1L)));

        assertThatThrownBy(() -> users.replaceOne(guard("u-2", 2), new Document("email", "a@x").append(POSITION, 2L)))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThatThrownBy(() -> users.replaceOne(guard("u-3", 2), new Document("email", "b@x").append(POSITION, 2L),
                new ReplaceOptions().upsert(true)))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        users.replaceOne(guard("u-2", 2), new Document("email", "c@x").append(POSITION, 2L));

        assertThat(users.find(eq("email", "c@x")).first()).isEqualTo(new Document("_id", "u-2").append("email", "c@x")
                .append(POSITION, 2L));
        assertThat(users.find(eq("email", "b@x")).first()).isNull();
        assertThat(users.countDocuments()).isEqualTo(2);
        assertThat(users.find(eq("email", "a@x")).first().getString("_id")).isEqualTo("u-1");
    }

    private static UpdateOneModel<Document> operators(Bson filter, Bson update, boolean upsert) {
        return new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(upsert));
    }

    /**
     * Updates of operators as the read models send them (appends under a position guard, sets and bumps of a day's
     * members, blind {@code $addToSet}/{@code $max}), and the ones upstream refuses. Errors: 12, 13, 14, 15.
     */
    private static List<WriteModel<Document>> operatorBulk(int round) {
        long p = 10L * round;
        List<WriteModel<Document>> bulk = new ArrayList<>();
        bulk.add(operators(and(eq("_id", "v-0"), lt(POSITION, p)), Updates.combine(                                   // 0 appended
                Updates.pushEach("history", List.of(new Document("step", "C" + round), new Document("step", "D"))),
                Updates.set(POSITION, p), Updates.set("kind", "refund")), true));
        bulk.add(operators(and(eq("_id", "v-1"), lt(POSITION, -1L)), Updates.push("history", "x"), false));        // 1 guard fails
        bulk.add(operators(eq("_id", "v-2"), Updates.combine(Updates.set("members.k" + round, new Document("a", round)),
                Updates.inc("version", 1), Updates.max(POSITION, p)), true));                                        // 2 dotted, new
        bulk.add(operators(eq("_id", "v-3"), Updates.combine(Updates.addToSet("ids", "a"),
                Updates.addEachToSet("more", List.of("b", "c", "b")), Updates.max(POSITION, 5L)), true));            // 3 sets, max
        bulk.add(operators(eq("_id", "v-4"), Updates.max(POSITION, 0L), true));                                       // 4 nothing changes
        bulk.add(operators(eq("_id", "v-5"), Updates.combine(Updates.unset("requested"), Updates.min("amount", 1),
                Updates.setOnInsert("created", true)), true));                                                       // 5 unset, min
        bulk.add(operators(eq("_id", "v-6"), Updates.set("amount", 106L), false));                                    // 6 an equal long
        bulk.add(operators(eq("_id", "v-7"), Updates.set("requested.currency", "USD"), false));                      // 7 nested
        bulk.add(operators(eq("_id", "missing-" + round), Updates.combine(Updates.addToSet("ids", "m"),
                Updates.max(POSITION, p)), true));                                                                    // 8 upserted
        bulk.add(operators(and(eq("_id", "guarded-" + round), lt(POSITION, p)), Updates.combine(
                Updates.push("history", "first"), Updates.set(POSITION, p)), true));                                 // 9 upserted
        bulk.add(operators(eq("_id", "gone-" + round), Updates.inc("version", 1), false));                          // 10 nothing
        bulk.add(operators(eq("_id", 15), Updates.inc("amount", 2), false));                                          // 11 numeric _id
        bulk.add(operators(eq("_id", "v-8"), Updates.inc("status", 1), false));                                       // 12 refused
        bulk.add(operators(eq("_id", "v-9"), Updates.set("amount.x", 1), false));                                     // 13 refused
        bulk.add(operators(eq("_id", "v-10"), Updates.push("amount", 1), false));                                     // 14 refused
        bulk.add(operators(eq("_id", "v-11"), Updates.combine(Updates.set("a", 1), Updates.set("a.b", 2)), false)); // 15 refused
        bulk.add(operators(eq("_id", "v-12"), Updates.set("_id", "other"), false));                                   // 16 upstream's
        bulk.add(operators(eq("status", "OPEN"), Updates.set("seen", round), false));                                 // 17 upstream's
        return bulk;
    }

    @Test
    void updatesOfOperatorsAnswerAndStoreExactlyAsUpstreams() {
        MongoDatabase fast = answersAndStoresAsUpstream(FastReplaceH2CollectionTest::operatorBulk, (round, answered) -> {
        });
        String answered = outcome(fast.getCollection("unordered"), operatorBulk(4), false);
        assertThat(answered).contains("[12 ").contains("[13 ").contains("[14 ").contains("[15 ")
                .contains(" 8=BsonString{value='missing-4'}").contains(" 9=BsonString{value='guarded-4'}");
        assertThat(fast.getCollection("unordered").find(eq("_id", "v-0")).first().getList("history", Object.class)).hasSize(2 + 2 * 4);
    }

    @Test
    void countsStayRightAfterUpsertsAndReplaces() {
        MongoCollection<Document> views = connect(EmbeddedMongoServer.startInMemory()).getCollection("views");
        for (int round = 1; round <= 3; round++) {
            List<WriteModel<Document>> bulk = new ArrayList<>();
            for (int i = 0; i < 100 * round; i++) {
                bulk.add(replace(guard("c-" + i, round), view("c-" + i, round, i), true));
            }
            BulkWriteResult result = views.bulkWrite(bulk);
            assertThat(result.getUpserts()).hasSize(100);
            assertThat(result.getMatchedCount()).isEqualTo(100 * (round - 1));
            assertThat(views.countDocuments()).isEqualTo(100L * round);
            assertThat(views.estimatedDocumentCount()).isEqualTo(100L * round);
            assertThat(views.countDocuments(lte(POSITION, round - 1))).isZero();
        }
    }

    @Test
    void aRestartedDurableServerReadsWhatTheFastPathWroteAsWhatUpstreamWrote() {
        Path fastFiles = data.resolve("fast");
        Path upstreamFiles = data.resolve("upstream");
        List<Function<Path, EmbeddedMongoServer>> starts = List.of(
                directory -> EmbeddedMongoServer.startDurable(directory, "127.0.0.1", 0, false),
                EmbeddedMongoServer::startDurableWithUpstreamReplaces);
        List<Path> files = List.of(fastFiles, upstreamFiles);
        for (int i = 0; i < 2; i++) {
            try (EmbeddedMongoServer server = starts.get(i).apply(files.get(i));
                 MongoClient client = MongoClients.create(server.connectionString(""))) {
                MongoCollection<Document> views = client.getDatabase("fast").getCollection("views");
                seed(views);
                for (int round = 1; round <= 3; round++) {
                    outcome(views, mixedBulk(round), true);
                }
            }
        }
        // Each file read again by a server with the fast path, then written on by both.
        List<List<String>> contents = new ArrayList<>();
        for (Path directory : files) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.startDurable(directory, "127.0.0.1", 0, false);
                 MongoClient client = MongoClients.create(server.connectionString(""))) {
                contents.add(contents(client.getDatabase("fast"), "views"));
            }
        }
        assertThat(contents.get(0)).isEqualTo(contents.get(1)).hasSize(20 + 3 + 3 + 1);
        for (int i = 0; i < 2; i++) {
            try (EmbeddedMongoServer server = starts.get(1 - i).apply(files.get(i));
                 MongoClient client = MongoClients.create(server.connectionString(""))) {
                outcome(client.getDatabase("fast").getCollection("views"), mixedBulk(4), false);
                contents.set(i, contents(client.getDatabase("fast"), "views"));
            }
        }
        assertThat(contents.get(0)).isEqualTo(contents.get(1));
    }
}
