package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The returned goods were inspected (质检). A failed inspection may reduce the amount to refund.
 *
 * @param adjustedAmount the amount to refund after inspection, or null to keep the approved amount
 */
@Revision("1")
public record ReturnInspected(
        String applicationId,
        InspectionOutcome outcome,
        String notes,
        Money adjustedAmount,
        Instant inspectedAt) {
}
