package io.refundledger.command.notification;

import com.mongodb.client.MongoDatabase;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.infrastructure.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher against the embedded database, with ports that fail or succeed as each test needs. */
class NotificationDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:15:00Z");
    private static final NotificationProperties.Dispatch SETTINGS = new NotificationProperties.Dispatch(
            true, Duration.ofSeconds(10), 3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(2), 50);

    private final MutableClock clock = new MutableClock(NOW);
    private final RecipientDirectory directory = new ConfiguredRecipientDirectory(Map.of(), "example.invalid", Locale.ENGLISH);
    private MongoDatabase database;
    private NotificationOutbox outbox;

    @BeforeEach
    void emptyDatabase() {
        database = NotificationTestSupport.freshDatabase();
        outbox = new NotificationOutbox(database);
    }

    @Test
    void aDueEntryIsSentOnceAndMarkedSent() {
        pending("n-1", NotificationChannel.EMAIL);
        RecordingPort port = new RecordingPort();

        assertThat(dispatcher(port).dispatchDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher(port).dispatchDue()).isZero();

        assertThat(port.sent).extracting(Notification::notificationId).containsExactly("n-1");
        Notification sent = port.sent.get(0);
        assertThat(sent.address()).isEqualTo("C-1001@example.invalid");
        assertThat(sent.subject()).isEqualTo("Subject of n-1");
        assertThat(sent.body()).isEqualTo("Body of n-1");
        OutboxEntry entry = outbox.find("n-1").orElseThrow();
        assertThat(entry.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.sentAt()).isEqualTo(NOW);
        assertThat(outbox.dueIndex()).isEmpty();
        assertThat(database.getCollection(NotificationOutbox.OUTBOX).find().first())
                .as("the lease is released").doesNotContainKeys("leaseUntil", "claimToken");
    }

    @Test
    void aFailingPortIsRetriedWithExponentialBackoffThenTheEntryIsFailedAndVisible() {
        pending("n-2", NotificationChannel.EMAIL);
        FailingPort port = new FailingPort();
        NotificationDispatcher dispatcher = dispatcher(port);

        assertThat(dispatcher.dispatch("n-2", clock.instant())).isEqualTo(NotificationDispatcher.Outcome.RETRY_SCHEDULED);
        OutboxEntry afterFirst = outbox.find("n-2").orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(afterFirst.lastError()).isEqualTo("IllegalStateException: SMTP server unavailable");
        assertThat(outbox.dueIndex()).containsExactly(Map.entry("n-2", NOW.plusSeconds(30)));

        clock.advance(Duration.ofSeconds(29));
        dispatcher.dispatchDue();
        assertThat(port.calls).as("not before the backoff has passed").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();
        assertThat(port.calls).hasValue(2);
        assertThat(outbox.find("n-2").orElseThrow().nextAttemptAt()).as("doubled").isEqualTo(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(60));
        dispatcher.dispatchDue();
        assertThat(port.calls).hasValue(3);
        OutboxEntry failed = outbox.find("n-2").orElseThrow();
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("gave up after 3 attempts: IllegalStateException: SMTP server unavailable");
        assertThat(outbox.dueIndex()).isEmpty();

        clock.advance(Duration.ofDays(1));
        dispatcher.dispatchDue();
        assertThat(port.calls).as("a failed entry is never tried again").hasValue(3);
    }

    @Test
    void aDeliveryThatCannotSucceedFailsAtOnce() {
        pending("n-3", NotificationChannel.SMS); // no phone number is configured for the customer
        FailingPort port = new FailingPort();

        assertThat(dispatcher(port).dispatch("n-3", clock.instant())).isEqualTo(NotificationDispatcher.Outcome.FAILED);

        assertThat(port.calls).hasValue(0);
        OutboxEntry entry = outbox.find("n-3").orElseThrow();
        assertThat(entry.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(entry.lastError()).isEqualTo("PermanentDeliveryFailure: no SMS address for recipient C-1001");
    }

    @Test
    void oneFailingNotificationDoesNotHoldUpTheOthers() {
        pending("n-4", NotificationChannel.EMAIL);
        pending("n-5", NotificationChannel.EMAIL);
        RecordingPort port = new RecordingPort("n-4");

        assertThat(dispatcher(port).dispatchDue()).isEqualTo(1);

        assertThat(outbox.find("n-4").orElseThrow().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(outbox.find("n-5").orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void twoDispatchersRacingSendEveryNotificationExactlyOnce() throws Exception {
        int notifications = 40;
        for (int i = 0; i < notifications; i++) {
            pending("race-" + i, NotificationChannel.EMAIL);
        }
        RecordingPort port = new RecordingPort();
        List<NotificationDispatcher> dispatchers = List.of(dispatcher(port), dispatcher(port), dispatcher(port));
        ExecutorService threads = Executors.newFixedThreadPool(dispatchers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = dispatchers.stream().map(d -> threads.submit(() -> {
                start.await();
                int sent = 0;
                for (int round = 0; round < 3; round++) {
                    sent += d.dispatchDue();
                }
                return sent;
            })).toList();
            start.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(notifications);
        } finally {
            threads.shutdownNow();
        }

        assertThat(port.sent).hasSize(notifications);
        assertThat(port.timesSent.values()).containsOnly(1);
        assertThat(outbox.dueIndex()).isEmpty();
    }

    @Test
    void anEntryClaimedByAnInstanceThatDiedIsTakenOverOnceItsLeaseRunsOut() {
        pending("n-6", NotificationChannel.EMAIL);
        assertThat(outbox.claim("n-6", clock.instant(), SETTINGS.lease(), "dead-instance")).isPresent();
        RecordingPort port = new RecordingPort();

        dispatcher(port).dispatchDue();
        assertThat(port.sent).as("still leased").isEmpty();

        clock.advance(SETTINGS.lease());
        dispatcher(port).dispatchDue();
        assertThat(port.sent).extracting(Notification::notificationId).containsExactly("n-6");
        assertThat(outbox.find("n-6").orElseThrow().attempts()).as("the dead instance's attempt counts").isEqualTo(2);
        assertThat(outbox.markSent("n-6", "dead-instance", clock.instant()))
                .as("the instance that lost its lease cannot record anything").isFalse();
    }

    @Test
    void aStaleIndexEntryIsCorrectedWhenMet() {
        pending("n-7", NotificationChannel.EMAIL);
        database.getCollection(NotificationOutbox.OUTBOX).updateOne(new org.bson.Document("_id", "n-7"),
                new org.bson.Document("$set", new org.bson.Document("status", "SENT")));

        assertThat(dispatcher(new RecordingPort()).dispatchDue()).isZero();

        assertThat(outbox.dueIndex()).isEmpty();
    }

    @Test
    void idsThatAreNotValidFieldNamesSurviveTheIndex() {
        assertThat(NotificationOutbox.decode(NotificationOutbox.encode("$a.b%2E.c"))).isEqualTo("$a.b%2E.c");
        pending("app.1-n$1", NotificationChannel.EMAIL);

        assertThat(outbox.dueIndex()).containsOnlyKeys("app.1-n$1");
        assertThat(dispatcher(new RecordingPort()).dispatchDue()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private NotificationDispatcher dispatcher(NotificationPort port) {
        return new NotificationDispatcher(outbox, port, directory, clock, SETTINGS);
    }

    private void pending(String id, NotificationChannel channel) {
        outbox.insertIfAbsent(new OutboxEntry(id, "app-" + id, channel, "refund-submitted", "C-1001", Locale.ENGLISH,
                "Subject of " + id, "Body of " + id, NotificationStatus.PENDING, 0, NOW, null, NOW, NOW, null));
        outbox.indexAsDue(id, NOW);
    }

    /** Delivers everything except the notifications it is told to fail. */
    private static final class RecordingPort implements NotificationPort {
        final List<Notification> sent = new CopyOnWriteArrayList<>();
        final Map<String, Integer> timesSent = new ConcurrentHashMap<>();
        private final List<String> failing;

        RecordingPort(String... failing) {
            this.failing = List.of(failing);
        }

        @Override
        public void send(Notification notification) {
            if (failing.contains(notification.notificationId())) {
                throw new IllegalStateException("mailbox full");
            }
            sent.add(notification);
            timesSent.merge(notification.notificationId(), 1, Integer::sum);
        }
    }

    private static final class FailingPort implements NotificationPort {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void send(Notification notification) {
            calls.incrementAndGet();
            throw new IllegalStateException("SMTP server unavailable");
        }
    }
}
