package io.refundledger.command.refund;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.events.refund.ApplicationNumber;
import io.refundledger.infrastructure.testing.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationNumberIssuerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    MongoClient client;
    MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        String uri = TestMongo.freshDatabaseUri();
        client = MongoClients.create(uri);
        database = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
    }

    @AfterEach
    void close() {
        client.close();
    }

    ApplicationNumberIssuer issuerAt(String instant) {
        return new ApplicationNumberIssuer(database, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), SHANGHAI);
    }

    @Test
    void numbersTheApplicationsOfADayConsecutivelyFromOne() {
        ApplicationNumberIssuer issuer = issuerAt("2026-11-23T02:00:00Z");

        assertThat(Stream.generate(issuer::issue).limit(3).map(ApplicationNumber::value))
                .containsExactly("RF-20261123-000001", "RF-20261123-000002", "RF-20261123-000003");
    }

    @Test
    void datesByTheBusinessDayInShanghaiNotByUtc() {
        // 16:00 UTC is midnight in Shanghai: the UTC date is still the 22nd, the business day already the 23rd.
        assertThat(issuerAt("2026-11-22T15:59:59Z").issue().value()).isEqualTo("RF-20261122-000001");
        assertThat(issuerAt("2026-11-22T16:00:00Z").issue().value()).isEqualTo("RF-20261123-000001");
    }

    @Test
    void startsAgainAtOneOnTheNextBusinessDay() {
        issuerAt("2026-11-23T02:00:00Z").issue();
        issuerAt("2026-11-23T03:00:00Z").issue();

        assertThat(issuerAt("2026-11-24T02:00:00Z").issue().value()).isEqualTo("RF-20261124-000001");
        assertThat(issuerAt("2026-11-23T04:00:00Z").issue().value()).isEqualTo("RF-20261123-000003");
    }

    @Test
    void keepsOneCounterDocumentPerDay() {
        issuerAt("2026-11-23T02:00:00Z").issue();
        issuerAt("2026-11-23T02:00:01Z").issue();

        Document counter = database.getCollection(ApplicationNumberIssuer.COLLECTION)
                .find(Filters.eq("_id", "RF-20261123")).first();
        assertThat(counter).isNotNull();
        assertThat(((Number) counter.get(ApplicationNumberIssuer.LAST_ISSUED)).longValue()).isEqualTo(2);
        assertThat(database.getCollection(ApplicationNumberIssuer.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void neverIssuesTheSameNumberTwiceUnderConcurrency() throws Exception {
        int threads = 8;
        int perThread = 50;
        // Separate issuers share nothing but the database, like several app instances.
        List<ApplicationNumberIssuer> issuers = IntStream.range(0, threads)
                .mapToObj(i -> issuerAt("2026-11-23T02:00:00Z")).toList();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (ApplicationNumberIssuer issuer : issuers) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> issued = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        issued.add(issuer.issue().value());
                    }
                    return issued;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }

            // Unique, and since every increment succeeded, exactly 1..400 with no holes.
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(all.stream().map(n -> Integer.parseInt(n.substring("RF-20261123-".length())))
                    .collect(Collectors.toSet()))
                    .isEqualTo(IntStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toSet()));
        } finally {
            pool.shutdownNow();
        }
    }
}
