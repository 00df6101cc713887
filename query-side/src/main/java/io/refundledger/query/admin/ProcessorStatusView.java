package io.refundledger.query.admin;

import io.refundledger.query.rebuild.RebuildStatusView;

import java.util.List;

/**
 * Where one streaming event processor stands against the event store's head.
 *
 * @param replaying              whether a replay is under way (requested and not yet caught up with where it was reset)
 * @param headPosition           the global position of the newest event in the store (0 when empty)
 * @param slowestPosition        the lowest position any of its segments has processed (0 before the first event)
 * @param lag                    how many events the slowest segment is behind the head
 * @param replayProgressPercent  during a replay, how far the slowest replaying segment is towards the position it was
 *                               reset at, 0 to 100; null when not replaying
 * @param segments               the segments this instance holds; empty while it has claimed none
 * @param generation             the generation of its read model that answers queries (0 for the collections under
 *                               their plain names); null for a processor that keeps no read model of its own
 * @param rebuild                a blue/green rebuild under way (the next generation filling up), else null
 */
public record ProcessorStatusView(String name, boolean running, boolean replaying, boolean error, long headPosition,
                                  long slowestPosition, long lag, Double replayProgressPercent, List<Segment> segments,
                                  Integer generation, RebuildStatusView rebuild) {

    public ProcessorStatusView {
        segments = List.copyOf(segments);
    }

    /**
     * @param position      the last position the segment has processed and written, 0 before the first (the events of
     *                      a batch carried between units of work count once written, {@code CarriedBatches})
     * @param resetPosition during a replay, the position it was reset at (where the replay ends); else null
     */
    public record Segment(int segment, long position, boolean caughtUp, boolean replaying, Long resetPosition,
                          boolean error, String errorMessage) {
    }
}
