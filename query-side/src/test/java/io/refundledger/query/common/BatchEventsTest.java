package io.refundledger.query.common;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEventsTest {

    record Opened(String accountId, String ownerId) {
    }

    record Closed(String accountId) {
    }

    record Audited(String auditId) {
    }

    /** Handles two of the three event types, one of them through a private method. */
    static class AccountProjection {
        @EventHandler
        public void on(Opened event) {
        }

        @EventHandler
        private void on(Closed event) {
        }
    }

    private final BatchEvents batch = new BatchEvents(List.of(
            event("a-1", new Opened("a-1", "owner-1")),
            event("a-2", new Opened("a-2", null)),
            event("a-1", new Closed("a-1")),
            GenericEventMessage.asEventMessage(new Audited("x-9"))));

    @Test
    void aggregateIdsAreTheDomainEventsAggregatesOnceEachInOrderOfFirstAppearance() {
        assertThat(batch.aggregateIds()).containsExactly("a-1", "a-2");
    }

    @Test
    void idsOfReadsTheIdsThatPayloadsOfOneTypeNameAndSkipsThoseThatNameNone() {
        assertThat(batch.idsOf(Opened.class, Opened::ownerId)).containsExactly("owner-1");
        assertThat(batch.idsOf(Audited.class, Audited::auditId)).containsExactly("x-9");
    }

    @Test
    void handledByKeepsOnlyTheEventsTheProjectionHasAHandlerForInTheirOrder() {
        List<Object> payloads = batch.handledBy(AccountProjection.class).messages().stream()
                .<Object>map(EventMessage::getPayload).toList();

        assertThat(payloads).containsExactly(new Opened("a-1", "owner-1"), new Opened("a-2", null), new Closed("a-1"));
    }

    private static EventMessage<?> event(String aggregateId, Object payload) {
        return new GenericDomainEventMessage<>("Account", aggregateId, 0, payload);
    }
}
