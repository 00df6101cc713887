package io.refundledger.command.subscription.process;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.command.order.OrderRefundLedger;
import io.refundledger.command.order.OrderRefundLedgers;
import io.refundledger.command.refund.ApplicationNumberIssuer;
import io.refundledger.command.refund.RefundApplication;
import io.refundledger.command.refund.RefundDecisionHandlers;
import io.refundledger.command.refund.RefundPolicy;
import io.refundledger.command.refund.RefundPolicySettings;
import io.refundledger.command.subscription.BusinessCalendar;
import io.refundledger.command.subscription.SettlementPolicy;
import io.refundledger.command.subscription.Subscription;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.infrastructure.privacy.MongoPersonalDataVault;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.infrastructure.testing.MutableClock;
import io.refundledger.infrastructure.testing.TestMongo;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The cancellation process against the real aggregates (subscription, refund application and order ledger on an
 * Axon configuration with an in-memory event store), the real vault and process store on the embedded MongoDB,
 * and a clock the test moves. The processor is played by hand: {@link #deliver()} hands the process manager every
 * event it has not seen, in global order with its tracking token, as the pooled processor would; {@link #runner}
 * is the scheduled runner, called when the test says. {@link #restart()} replaces the process manager and the
 * runner with new instances over the same database, as a restarted application would have.
 */
final class CancellationProcessHarness implements AutoCloseable {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final MutableClock clock;
    final MongoClient client = MongoClients.create(TestMongo.server().connectionString(""));
    final MongoDatabase database = client.getDatabase("cancellations" + DATABASES.incrementAndGet());
    final PersonalDataVault vault;
    final Configuration axon;
    final EventStore eventStore;
    /** Read directly, not through the event store's tailing stream, whose producer thread may not have seen the latest commit yet. */
    final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    final CommandGateway commands;
    final Path exportDirectory;
    /** Every command the process sent (metadata channel process-manager), in order. */
    final List<Object> sentByTheProcess = new CopyOnWriteArrayList<>();

    CancellationProcessStore store;
    SubscriptionCancellationProcess processManager;
    AnnotationEventHandlerAdapter processor;
    CancellationProcessRunner runner;
    private TrackingToken lastDelivered;

    CancellationProcessHarness(LocalDate today, Path exportDirectory) {
        this.clock = new MutableClock(at(today, 10, 0));
        this.exportDirectory = exportDirectory;
        this.vault = new MongoPersonalDataVault(database, clock);
        BusinessCalendar calendar = new BusinessCalendar(clock, SHANGHAI);
        RefundPolicy refundPolicy = new RefundPolicy(new RefundPolicySettings("2026.11-1", 30,
                RefundPolicySettings.WindowStart.PURCHASE, SHANGHAI, Map.of(), Money.of("5000.00", "CNY"),
                Duration.ofDays(2), Duration.ofDays(3), "Returns Centre, Shanghai", NotificationChannel.EMAIL));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(Subscription.class)
                .configureAggregate(RefundApplication.class)
                .configureAggregate(OrderRefundLedger.class)
                .registerComponent(java.time.Clock.class, c -> clock)
                .registerComponent(BusinessCalendar.class, c -> calendar)
                .registerComponent(PersonalDataVault.class, c -> vault)
                .registerComponent(SettlementPolicy.class, c -> new SettlementPolicy())
                .registerComponent(RefundPolicy.class, c -> refundPolicy)
                .registerComponent(OrderRefundLedgers.class, c -> new OrderRefundLedgers(c.repository(OrderRefundLedger.class)))
                .registerCommandHandler(c -> new RefundDecisionHandlers(c.repository(RefundApplication.class),
                        c.getComponent(OrderRefundLedgers.class), refundPolicy, clock))
                .buildConfiguration();
        axon.start();
        eventStore = axon.eventStore();
        commands = axon.commandGateway();
        axon.commandBus().registerDispatchInterceptor(messages -> (index, message) -> {
            if (CancellationProcessRunner.CHANNEL.equals(message.getMetaData().get("channel"))) {
                sentByTheProcess.add(message.getPayload());
            }
            return message;
        });
        restart();
    }

    /** New process manager, store and runner instances over the same database (and the same processor position). */
    void restart() {
        store = new CancellationProcessStore(database, SHANGHAI);
        processManager = new SubscriptionCancellationProcess(store);
        processor = new AnnotationEventHandlerAdapter(processManager);
        runner = new CancellationProcessRunner(store, commands, eventStore,
                new JsonFileSubscriptionDataExporter(eventStore, vault, exportDirectory, clock), vault,
                new TerminationConfirmationNumbers(clock, SHANGHAI),
                new ApplicationNumberIssuer(database, clock, SHANGHAI), clock, SHANGHAI,
                new CancellationProcessProperties.Process(true, Duration.ofMinutes(2), Duration.ofMinutes(1),
                        Duration.ofSeconds(10), Duration.ofHours(1), 50));
    }

    /** Hands the process manager every event after the last one it saw; returns how many. */
    int deliver() {
        int delivered = 0;
        while (deliverOne()) {
            delivered++;
        }
        return delivered;
    }

    /** Hands the process manager the next event it has not seen; false when there is none. */
    boolean deliverOne() {
        Optional<? extends TrackedEventMessage<?>> next;
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(lastDelivered, false)) {
            next = stream.findFirst();
        }
        if (next.isEmpty()) {
            return false;
        }
        try {
            processor.handle(next.get());
        } catch (Exception e) {
            throw new IllegalStateException("delivery failed", e);
        }
        lastDelivered = next.get().trackingToken();
        return true;
    }

    /** What a reset of the processor does: the reset handler runs, and the events are delivered again from the start. */
    void resetForReplay() throws Exception {
        processor.prepareReset();
        lastDelivered = null;
    }

    /** The processor and the runner take turns until neither has anything left to do now; returns the steps performed. */
    int settle() {
        int performed = 0;
        for (int round = 0; round < 50; round++) {
            deliver();
            int now = runner.runDue();
            performed += now;
            if (now == 0 && deliver() == 0) {
                return performed;
            }
        }
        throw new IllegalStateException("the process does not settle");
    }

    <R> R send(Object command, String actor, String roles) {
        return commands.sendAndWait(command, MetaData.with("actor", actor).and("actorRoles", roles));
    }

    List<Object> eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    <T> List<T> eventsOf(String aggregateId, Class<T> type) {
        return eventsOf(aggregateId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** {@code hour:minute} in Shanghai on {@code day}. */
    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
    }

    void setTime(LocalDate day, int hour, int minute) {
        clock.set(at(day, hour, minute));
    }

    @Override
    public void close() {
        axon.shutdown();
        database.drop();
        client.close();
    }

    static boolean isCommand(Object payload, Class<?> type) {
        return type.isInstance(payload) || (payload instanceof CommandMessage<?> m && type.isInstance(m.getPayload()));
    }
}
