package io.refundledger.command.refund;

import io.refundledger.command.common.CommandMetadata;
import io.refundledger.command.testing.AnotherInstance;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.infrastructure.errors.DomainException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static io.refundledger.command.refund.SampleRefund.aRefund;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How failures come out of {@code CommandGateway.sendAndWait} on Axon's local SimpleCommandBus: as the very
 * exception the handler or the store threw, not wrapped in a CommandExecutionException (that wrapping only
 * happens on distributed buses). The problem-document advice handles both shapes.
 */
class CommandGatewayFailuresTest extends CommandSideSpringTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    CommandBus commandBus;
    @Autowired
    ApplicationNumberIssuer numbers;

    String submitted() {
        String id = UUID.randomUUID().toString();
        commandGateway.sendAndWait(aRefund().asCommand(id, numbers.issue()));
        return id;
    }

    @Test
    void aRefusalFromTheAggregateArrivesAsTheDomainExceptionItself() {
        String id = submitted();

        assertThatThrownBy(() -> commandGateway.sendAndWait(new RejectRefundApplication(id, " ")))
                .isExactlyInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("REASON_REQUIRED");
    }

    @Test
    void anUnknownApplicationArrivesAsAggregateNotFound() {
        assertThatThrownBy(() -> commandGateway.sendAndWait(new ApproveRefundApplication(UUID.randomUUID().toString(), null, null)))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void aLostRaceArrivesAsTheStoresConcurrencyException() {
        String id = submitted();
        Registration race = new AnotherInstance(database).commitFirstDuring(commandBus, "req-gateway-race",
                new GenericDomainEventMessage<>("RefundApplication", id, 1L,
                        new RefundApplicationRejected(id, "rejected elsewhere", NOW)));
        try {
            assertThatThrownBy(() -> commandGateway.sendAndWait(new ApproveRefundApplication(id, null, null),
                    CommandMetadata.http("req-gateway-race").asMetaData()
                            .and("actor", "reviewer").and("actorRoles", "REVIEWER")))
                    .isInstanceOf(ConcurrencyException.class);
        } finally {
            race.cancel();
        }
    }
}
