package io.refundledger.infrastructure.audit;

/**
 * The answer to "are this aggregate's commits untouched and still part of the chain?".
 *
 * @param aggregateId     the aggregate asked about
 * @param intact          each of its commits recomputes, chains to the commit holding the position before it,
 *                        and is chained to by the commit after it
 * @param commitsChecked  its commits that verified; 0 when no event of the aggregate is stored
 * @param eventsChecked   its own events in those commits
 * @param lastSequence    the highest sequence number verified, or -1 when none
 * @param firstBrokenLink where its chain first fails, or {@code null} when intact
 */
public record AggregateVerification(String aggregateId, boolean intact, long commitsChecked, long eventsChecked,
                                    long lastSequence, BrokenLink firstBrokenLink) {
}
