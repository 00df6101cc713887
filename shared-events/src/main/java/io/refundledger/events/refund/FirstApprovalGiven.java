package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A reviewer approved an application that also needs finance's approval (four-eyes); it now waits for
 * that second approval by another person. Who approved is in the metadata.
 */
@Revision("1")
public record FirstApprovalGiven(
        String applicationId,
        Money approvedAmount,
        String note,
        String exceptionJustification,
        Instant approvedAt) {
}
