package io.refundledger.command.refund;

import io.refundledger.events.common.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with the version of the refund policy in force when it was sent, unless the sender
 * named one. The correlation providers copy it into every event, so each step of a history says under which
 * policy it was taken, not only the policy evaluation itself.
 */
public class PolicyVersionInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final String policyVersion;

    public PolicyVersionInterceptor(String policyVersion) {
        this.policyVersion = policyVersion;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(MetadataKeys.POLICY_VERSION)
                ? command
                : command.andMetaData(Map.of(MetadataKeys.POLICY_VERSION, policyVersion));
    }
}
