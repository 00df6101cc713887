package io.refundledger.query.rebuild;

import java.time.Instant;

/**
 * A blue/green rebuild under way: the generation being filled while the active one answers queries.
 *
 * @param generation      the generation being filled
 * @param requestedAt     when the rebuild was requested
 * @param position        the slowest of its segments' positions (0 before the first event; null until its tokens exist)
 * @param headPosition    the event store's head when this was read
 * @param progressPercent position as a share of the head, 0 to 100 (it switches when every segment reaches the head)
 */
public record RebuildStatusView(int generation, Instant requestedAt, Long position, long headPosition,
                                Double progressPercent) {
}
