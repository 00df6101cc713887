package io.refundledger.command.refund;

import io.refundledger.events.refund.PayoutMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Finance starts (or, after a failure, retries) paying the refund out. The payout id is chosen by the
 * sender so a retried request cannot start a second payout under another id.
 *
 * @param method optional; the application's payout method when {@code null}
 */
public record StartPayout(
        @TargetAggregateIdentifier String applicationId,
        String payoutId,
        PayoutMethod method) {
}
