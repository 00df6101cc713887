package io.refundledger.command.common;

import io.refundledger.events.common.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps each command of one domain with the version of that domain's policy in force when it was sent (refund
 * commands with the refund policy's, subscription commands with the settlement policy's), unless the sender named
 * one. The correlation providers copy it into every event, so each step of a history says under which policy it
 * was taken, not only the evaluation itself.
 */
public class PolicyVersionInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final String policyVersion;
    private final String commandPackage;

    /** For the commands declared in {@code commandPackage} (and below it). */
    public PolicyVersionInterceptor(String policyVersion, String commandPackage) {
        this.policyVersion = policyVersion;
        this.commandPackage = commandPackage;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> !command.getPayloadType().getPackageName().startsWith(commandPackage)
                || command.getMetaData().containsKey(MetadataKeys.POLICY_VERSION)
                ? command
                : command.andMetaData(Map.of(MetadataKeys.POLICY_VERSION, policyVersion));
    }
}
