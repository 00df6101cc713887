package io.refundledger.command.generator;

import java.time.Instant;

/**
 * One step of a generated history: at what (simulated) time which member of staff sends which command.
 *
 * @param customerChannel how the customer reached us ({@code ONLINE}/{@code OFFLINE}) when customer service acts on
 *                        their behalf; {@code null} for staff decisions
 */
public record Move(Instant at, Staff actor, Object command, String customerChannel) {

    /** The name reports use for the command. */
    public String commandName() {
        return command instanceof Submission ? "SubmitRefundApplication" : command.getClass().getSimpleName();
    }
}
