package io.refundledger.command.subscription.process;

import java.time.Instant;

/**
 * The next step of a cancellation process and when it is due.
 *
 * @param dispatchKey identifies this very step of this very cancellation, so a step is dispatched at most once
 *                    (see {@link CancellationProcessStore#journalEntry})
 */
public record DueStep(CancellationStep step, Instant dueAt, String dispatchKey) {
}
