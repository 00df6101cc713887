package io.refundledger.command.generator;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a generated history: at what (simulated) time which member of staff sends which command.
 *
 * @param customerChannel how the customer reached us ({@code ONLINE}/{@code OFFLINE}) when customer service acts on
 *                        their behalf; {@code null} for staff decisions
 * @param patience        for a step on an aggregate someone else creates (the refund the cancellation process opens):
 *                        on how many more days the step is tried again while that aggregate does not exist yet
 */
public record Move(Instant at, Staff actor, Object command, String customerChannel, int patience) {

    public Move(Instant at, Staff actor, Object command, String customerChannel) {
        this(at, actor, command, customerChannel, 0);
    }

    /** The same step a day later, with a day's less patience. */
    public Move aDayLater() {
        return new Move(at.plus(Duration.ofDays(1)), actor, command, customerChannel, patience - 1);
    }

    /** The name reports use for the command. */
    public String commandName() {
        return command instanceof Submission ? "SubmitRefundApplication" : command.getClass().getSimpleName();
    }
}
