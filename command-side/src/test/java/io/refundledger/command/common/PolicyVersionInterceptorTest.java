package io.refundledger.command.common;

import io.refundledger.command.refund.RejectRefundApplication;
import io.refundledger.command.subscription.PurgeSubscriptionPersonalData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each domain's commands name their own policy's version, never another domain's. */
class PolicyVersionInterceptorTest {

    private final PolicyVersionInterceptor refunds =
            new PolicyVersionInterceptor("2026.11-1", "io.refundledger.command.refund");
    private final PolicyVersionInterceptor subscriptions =
            new PolicyVersionInterceptor("settlement-2026-11", "io.refundledger.command.subscription");

    private static MetaData through(PolicyVersionInterceptor first, PolicyVersionInterceptor second, Object payload,
                                    MetaData metaData) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload).withMetaData(metaData);
        CommandMessage<?> once = first.handle(List.of(command)).apply(0, command);
        return second.handle(List.of(once)).apply(0, once).getMetaData();
    }

    @Test
    void stampsARefundCommandWithTheRefundPolicyVersion() {
        assertThat(through(refunds, subscriptions, new RejectRefundApplication("A-1", "no"), MetaData.emptyInstance()))
                .containsEntry("policyVersion", "2026.11-1");
    }

    @Test
    void stampsASubscriptionCommandWithTheSettlementPolicyVersion() {
        assertThat(through(refunds, subscriptions, new PurgeSubscriptionPersonalData("S-1"), MetaData.emptyInstance()))
                .containsEntry("policyVersion", "settlement-2026-11");
    }

    @Test
    void keepsAVersionTheSenderNamed() {
        assertThat(through(refunds, subscriptions, new RejectRefundApplication("A-1", "no"),
                MetaData.from(Map.of("policyVersion", "2025.01-3"))))
                .containsEntry("policyVersion", "2025.01-3");
    }
}
