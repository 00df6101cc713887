package io.refundledger.query.analytics.refund;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.infrastructure.testing.TestMongo;
import io.refundledger.query.analytics.AnalyticsFeed;
import io.refundledger.query.analytics.AnalyticsRange;
import io.refundledger.query.analytics.Granularity;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static io.refundledger.query.analytics.refund.RefundAnalyticsProjectionTest.submitted;
import static io.refundledger.query.refund.RefundEvents.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many documents a quarter question reads, counted on the wire (every document a find or getMore returns):
 * with ten times the applications in the same quarter it reads far less than ten times the cells, since whole weeks
 * and months are one cell per dimension combination whatever their volume.
 */
class RefundRollupReadsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] REASONS = {"PRODUCT_QUALITY", "WRONG_ITEM", "PRICE_CHANGE", "OTHER"};
    private static final String[] PRODUCTS = {"CRM-PRO", "HEADSET-X2", "SMS-BUNDLE"};
    private static final String[] SEGMENTS = {"SMB", "ENTERPRISE"};
    private static final List<Map<String, String>> CHANNELS = List.of(Map.of(MetadataKeys.CUSTOMER_CHANNEL, "ONLINE"),
            Map.of(MetadataKeys.CUSTOMER_CHANNEL, "OFFLINE"), Map.of());
    private static final int COMBINATIONS = REASONS.length * PRODUCTS.length * SEGMENTS.length * CHANNELS.size();
    private static final LocalDate FROM = LocalDate.parse("2026-10-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-31");

    /** Collection → documents returned, while counting. */
    private final Map<String, Long> read = new ConcurrentHashMap<>();
    private volatile boolean counting;
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(MongoClient::close);
    }

    @Test
    void a_quarter_read_through_roll_ups_does_not_grow_with_the_number_of_applications() {
        RefundAnalyticsStore few = storeWith(250, 1);
        RefundAnalyticsStore many = storeWith(2_500, 2);

        for (Granularity granularity : List.of(Granularity.WEEK, Granularity.MONTH)) {
            FindRefundReasonBreakdown quarter = new FindRefundReasonBreakdown(new AnalyticsRange(FROM, TO, granularity),
                    RefundGroupBy.PRODUCT, RefundFilters.NONE, 10);
            int units = quarter.range().cover().size();
            Map<String, Long> fewReads = reads(few, quarter, false);
            Map<String, Long> manyReads = reads(many, quarter, false);
            Map<String, Long> manyDayOnly = reads(many, quarter, true);

            long fewCells = cells(fewReads);
            long manyCells = cells(manyReads);
            assertThat(manyCells).as("%s: cells read with 10× the applications (%s vs %s)", granularity, manyReads, fewReads)
                    .isLessThan(5 * fewCells)
                    .isLessThanOrEqualTo((long) units * COMBINATIONS)
                    .isLessThan(cells(manyDayOnly) / 2);
            assertThat(indexDocuments(manyReads)).as("one index document per unit").isLessThanOrEqualTo(units);
        }
    }

    private Map<String, Long> reads(RefundAnalyticsStore store, FindRefundReasonBreakdown question, boolean dayCellsOnly) {
        RefundAnalyticsQueries queries = new RefundAnalyticsQueries(store, SHANGHAI);
        read.clear();
        counting = true;
        try {
            if (dayCellsOnly) {
                queries.answerFromDayCells(question);
            } else {
                queries.answer(question);
            }
        } finally {
            counting = false;
        }
        return new TreeMap<>(read);
    }

    private static long cells(Map<String, Long> reads) {
        return reads.entrySet().stream().filter(e -> e.getKey().endsWith("_cells")).mapToLong(Map.Entry::getValue).sum();
    }

    private static long indexDocuments(Map<String, Long> reads) {
        return reads.entrySet().stream().filter(e -> !e.getKey().endsWith("_cells")).mapToLong(Map.Entry::getValue).sum();
    }

    /** A fresh store fed {@code applications} submissions spread over the quarter. */
    private RefundAnalyticsStore storeWith(int applications, long seed) {
        RefundAnalyticsStore store = new RefundAnalyticsStore(countingClient().getDatabase(
                new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase()));
        AnalyticsFeed feed = new AnalyticsFeed(new RefundAnalyticsProjection(store, SHANGHAI));
        Random random = new Random(seed);
        Instant start = FROM.atStartOfDay(SHANGHAI).toInstant();
        long seconds = (TO.toEpochDay() - FROM.toEpochDay() + 1) * 86_400;
        for (int i = 0; i < applications; i++) {
            feed.deliver(submitted(newApplicationId(), RefundReasonCategory.valueOf(REASONS[random.nextInt(REASONS.length)]),
                    PRODUCTS[random.nextInt(PRODUCTS.length)], SEGMENTS[random.nextInt(SEGMENTS.length)],
                    Money.of("100.00", "CNY"), start.plusSeconds((long) (random.nextDouble() * seconds))),
                    CHANNELS.get(random.nextInt(CHANNELS.size())));
        }
        return store;
    }

    private MongoClient countingClient() {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                if (!counting || !(event.getCommandName().equals("find") || event.getCommandName().equals("getMore"))) {
                    return;
                }
                BsonDocument cursor = event.getResponse().getDocument("cursor");
                String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
                String namespace = cursor.getString("ns").getValue();
                read.merge(namespace.substring(namespace.indexOf('.') + 1), (long) cursor.getArray(batch).size(), Long::sum);
            }
        };
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.server().connectionString("")))
                .addCommandListener(listener).build());
        clients.add(client);
        return client;
    }
}
