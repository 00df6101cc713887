package io.refundledger.events.refund;

import io.refundledger.events.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The reviewer approved; {@code approvedAmount} is what will be paid out. Who decided is in the metadata. */
@Revision("1")
public record RefundApplicationApproved(
        String applicationId,
        Money approvedAmount,
        String note,
        Instant approvedAt) {
}
