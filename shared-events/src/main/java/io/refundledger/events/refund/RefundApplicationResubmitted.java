package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * After a rejection, the customer side amended the application and submitted it again. A new policy
 * evaluation follows.
 */
@Revision("1")
public record RefundApplicationResubmitted(
        String applicationId,
        Money requestedAmount,
        RefundReasonCategory reasonCategory,
        String reasonText,
        String amendmentNote,
        Instant resubmittedAt) {
}
