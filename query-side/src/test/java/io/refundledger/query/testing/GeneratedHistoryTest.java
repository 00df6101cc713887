package io.refundledger.query.testing;

import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedHistoryTest {

    private final List<DomainEventMessage<?>> history = GeneratedHistory.of(7).applications(600).subscriptions(80).events();

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnotherOne() {
        List<DomainEventMessage<?>> again = GeneratedHistory.of(7).applications(600).subscriptions(80).events();
        List<DomainEventMessage<?>> other = GeneratedHistory.of(8).applications(600).subscriptions(80).events();

        assertThat(again).hasSameSizeAs(history);
        for (int i = 0; i < history.size(); i++) {
            assertThat(again.get(i).getIdentifier()).isEqualTo(history.get(i).getIdentifier());
            assertThat(again.get(i).getPayload()).isEqualTo(history.get(i).getPayload());
            assertThat(again.get(i).getMetaData()).isEqualTo(history.get(i).getMetaData());
        }
        assertThat(other.get(0).getIdentifier()).isNotEqualTo(history.get(0).getIdentifier());
    }

    @Test
    void everyAggregateHasDenseSequenceNumbersInTimeOrderStartingWithItsCreation() {
        Map<String, Long> next = new HashMap<>();
        Instant previous = Instant.MIN;
        for (DomainEventMessage<?> event : history) {
            long expected = next.merge(event.getAggregateIdentifier(), 1L, Long::sum) - 1;
            assertThat(event.getSequenceNumber()).as(event.toString()).isEqualTo(expected);
            assertThat(event.getTimestamp()).isAfterOrEqualTo(previous);
            previous = event.getTimestamp();
            if (expected == 0) {
                assertThat(event.getPayload()).as(event.getType()).isInstanceOfAny(RefundApplicationSubmitted.class,
                        SubscriptionStarted.class, OrderRefundReserved.class);
            }
        }
    }

    @Test
    void everyEventNamesWhoActedThroughWhichChannel() {
        assertThat(history).allSatisfy(event -> {
            assertThat(event.getMetaData()).containsKeys(MetadataKeys.ACTOR, MetadataKeys.CHANNEL, MetadataKeys.REQUEST_ID);
            if ("http".equals(event.getMetaData().get(MetadataKeys.CHANNEL))) {
                assertThat(event.getMetaData()).containsKeys(MetadataKeys.ACTOR_ROLES, MetadataKeys.CUSTOMER_CHANNEL);
            }
        });
        Set<Object> actors = history.stream().map(e -> e.getMetaData().get(MetadataKeys.ACTOR)).collect(Collectors.toSet());
        assertThat(actors).contains("agent", "reviewer", "reviewer2", "finance", "admin", "system");
        Set<Object> channels = history.stream().map(e -> e.getMetaData().get(MetadataKeys.CUSTOMER_CHANNEL)).collect(Collectors.toSet());
        assertThat(channels).contains("ONLINE", "OFFLINE");
    }

    @Test
    void theHistoryHoldsTheCasesDashboardsAndFinanceCareAbout() {
        Set<Class<?>> kinds = history.stream().map(e -> e.getPayload().getClass()).collect(Collectors.toSet());
        assertThat(kinds).contains(RefundApplicationRejected.class, RefundApplicationResubmitted.class,
                RefundApplicationWithdrawn.class, ReturnInspected.class, PayoutFailed.class, SatisfactionRated.class,
                RefundApplicationEscalated.class, SubscriptionCancellationRefused.class,
                SubscriptionCancellationRevoked.class, SubscriptionTerminated.class, SettlementRefundRequested.class);
        Set<String> currencies = history.stream().map(DomainEventMessage::getPayload)
                .filter(RefundApplicationSubmitted.class::isInstance).map(p -> ((RefundApplicationSubmitted) p).paidAmount().currency())
                .collect(Collectors.toSet());
        assertThat(currencies).containsExactlyInAnyOrder("CNY", "USD");
        Instant first = history.get(0).getTimestamp();
        Instant lastSubmission = history.stream().filter(e -> e.getPayload() instanceof RefundApplicationSubmitted)
                .map(DomainEventMessage::getTimestamp).max(Instant::compareTo).orElseThrow();
        assertThat(java.time.Duration.between(first, lastSubmission).toDays()).isBetween(80L, 91L);
    }

    @Test
    void anOrderNeverHasMoreReservedThanWasPaid() {
        assertThat(history).map(DomainEventMessage::getPayload).filteredOn(OrderRefundReserved.class::isInstance)
                .allSatisfy(p -> {
                    OrderRefundReserved reserved = (OrderRefundReserved) p;
                    assertThat(reserved.totalReserved().isGreaterThan(reserved.paidAmount())).isFalse();
                });
    }
}
