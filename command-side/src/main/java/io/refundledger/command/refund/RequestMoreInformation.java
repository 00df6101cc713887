package io.refundledger.command.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The reviewer asks the customer for more information; review waits for the answer.
 */
public record RequestMoreInformation(
        @TargetAggregateIdentifier String applicationId,
        String question) {
}
