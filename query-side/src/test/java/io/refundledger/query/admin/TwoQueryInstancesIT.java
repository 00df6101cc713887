package io.refundledger.query.admin;

import io.refundledger.infrastructure.testing.TestMongo;
import io.refundledger.infrastructure.time.LedgerClocks;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.refundledger.query.QuerySideApplication;
import io.refundledger.query.rebuild.GenerationalDatabase;
import io.refundledger.query.rebuild.ReadModelGenerations;
import io.refundledger.query.refund.RefundEvents;
import io.refundledger.query.refund.RefundProgressStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-side instances (two Spring contexts in one JVM, each with its own node id) on one database: they share
 * the four segments of refund-progress two and two, and when one goes away the other takes all four and keeps the
 * view moving. Timings are shortened so the test takes seconds, not tens of seconds.
 */
class TwoQueryInstancesIT {

    private static final String PROCESSOR = "refund-progress";
    /** A clock of the test's own: starts at this instant and ticks on, so heartbeats age as they would. */
    private static final Instant START = Instant.parse("2026-11-23T02:00:00Z");

    /** One clock for both instances, as machines synchronised by NTP share one time. */
    private final Clock clock = LedgerClocks.startingAt(START.toString(), Clock.systemUTC());
    private final String uri = TestMongo.freshDatabaseUri();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoInstancesShareTheSegmentsAndTheSurvivorTakesThemAllOver() {
        ConfigurableApplicationContext a = start("query-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> held(a).size() == 4);

        ConfigurableApplicationContext b = start("query-b");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(held(a)).hasSize(2);
            assertThat(held(b)).hasSize(2);
        });
        Set<Integer> all = new TreeSet<>(held(a));
        all.addAll(held(b));
        assertThat(all).containsExactly(0, 1, 2, 3);

        // Both instances project: events of many applications fall into every segment.
        List<String> first = submitSome(a, 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> shownBy(b, first));

        a.close();
        Instant closed = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> held(b).size() == 4);
        List<String> after = submitSome(b, 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> shownBy(b, after));
        System.out.printf("refund-progress: after a clean shutdown the survivor held all segments and showed new "
                + "events %d ms later%n", Duration.between(closed, Instant.now()).toMillis());
    }

    @Test
    void aBlueGreenRebuildStartedOnOneInstanceIsFilledByBothAndSwitchesBoth() {
        ConfigurableApplicationContext a = start("query-a");
        ConfigurableApplicationContext b = start("query-b");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(held(a)).hasSize(2);
            assertThat(held(b)).hasSize(2);
        });
        List<String> before = submitSome(a, 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> shownBy(a, before) && shownBy(b, before));

        a.getBean(ProcessorAdministration.class).rebuild(PROCESSOR);
        List<String> during = submitSome(b, 40);
        assertThat(shownBy(b, before)).as("queries answer from generation 0 during the rebuild").isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> generation(a) == 1 && generation(b) == 1);
        List<String> after = submitSome(b, 12);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (ConfigurableApplicationContext instance : List.of(a, b)) {
                assertThat(shownBy(instance, before) && shownBy(instance, during) && shownBy(instance, after)).isTrue();
            }
            Set<Integer> all = new TreeSet<>(held(a));
            all.addAll(held(b));
            assertThat(all).as("the live processors hold generation 1's segments between them").containsExactly(0, 1, 2, 3);
        });
        MongoDatabase database = GenerationalDatabase.raw(a.getBean(MongoDatabase.class));
        assertThat(database.getCollection(ReadModelGenerations.physicalName(RefundProgressStore.PROGRESS, 1))
                .countDocuments()).isEqualTo(before.size() + during.size() + after.size());
        // Generation 0 (collections and tokens) is retired once the grace period (2 s here) has passed.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain(RefundProgressStore.PROGRESS);
            assertThat(database.getCollection("trackingtokens").countDocuments(Filters.eq("processorName", PROCESSOR))).isZero();
        });
    }

    private static int generation(ConfigurableApplicationContext context) {
        return context.getBean(ReadModelGenerations.class).active(PROCESSOR);
    }

    private ConfigurableApplicationContext start(String nodeId) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("ownClock", Clock.class,
                        () -> clock,
                        (BeanDefinitionCustomizer) bd -> bd.setPrimary(true)))
                // Arguments, not default properties: those lose against application.yml.
                .run("--server.port=0", "--ledger.mongodb.uri=" + uri, "--ledger.mongodb.node-id=" + nodeId,
                        "--axoniq.update-checker.disabled=true",
                        "--ledger.mongodb.token-claim-timeout=3s",
                        "--ledger.processing.balance.heartbeat-interval=500ms",
                        "--ledger.processing.balance.instance-timeout=3s",
                        "--ledger.processing.balance.interval=1s",
                        "--ledger.processing.balance.release-for=3s",
                        "--ledger.processing.balance.claim-extension-threshold=500ms",
                        "--ledger.read-models.retire-after=2s");
        running.add(context);
        return context;
    }

    private static Set<Integer> held(ConfigurableApplicationContext context) {
        PooledStreamingEventProcessor processor = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROCESSOR, PooledStreamingEventProcessor.class).orElseThrow();
        return new TreeSet<>(processor.processingStatus().keySet());
    }

    private List<String> submitSome(ConfigurableApplicationContext via, int applications) {
        EventStore eventStore = via.getBean(EventStore.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            String id = RefundEvents.newApplicationId();
            eventStore.publish(new GenericDomainEventMessage<>(RefundEvents.AGGREGATE_TYPE, id, 0,
                    RefundEvents.submitted(id, RefundEvents.newApplicationNumber(), "C-" + i, "O-" + id, START),
                    RefundEvents.by("agent", "CUSTOMER_SERVICE")));
            ids.add(id);
        }
        return ids;
    }

    private static boolean shownBy(ConfigurableApplicationContext context, List<String> applicationIds) {
        return context.getBean(RefundProgressStore.class).findAllById(applicationIds).size() == applicationIds.size();
    }
}
