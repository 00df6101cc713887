package io.refundledger.query.audit;

import io.refundledger.query.refund.RefundProgressView;

import java.time.Instant;

/**
 * An application as it stood at a point in its history, rebuilt from the recorded events with the same logic
 * the live progress view uses; {@code state.policyEvaluation} is the evaluation a reviewer saw then.
 *
 * @param asOf               the instant asked for, or null when a position was asked for
 * @param position           the position asked for, or null when an instant was asked for
 * @param lastAppliedPosition the position of the last event included (0 when none)
 * @param state              null when the application did not exist yet at that point
 */
public record RefundStateView(String applicationId, Instant asOf, Long position, long lastAppliedPosition,
                              Instant lastEventAt, int eventsApplied, RefundProgressView state) {
}
