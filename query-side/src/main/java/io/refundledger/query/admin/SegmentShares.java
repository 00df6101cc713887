package io.refundledger.query.admin;

import java.util.List;

/**
 * How many segments of one processor an instance may keep while others are alive: its fair share, the segments
 * divided by the live instances and rounded up. What it holds beyond that it gives away, highest segment ids first
 * (any choice works; a fixed one makes the outcome predictable). Alone, an instance keeps everything, which is what
 * lets a survivor take over the segments of an instance that died.
 */
public final class SegmentShares {

    private SegmentShares() {
    }

    public static int fairShare(int totalSegments, int liveInstances) {
        if (liveInstances < 1) {
            throw new IllegalArgumentException("at least this instance is live");
        }
        return (totalSegments + liveInstances - 1) / liveInstances;
    }

    /**
     * @param held          the segment ids this instance holds now
     * @param totalSegments how many segments the processor has in all
     * @param liveInstances the live instances, this one included
     * @return the segments to release, none when this instance holds no more than its fair share
     */
    public static List<Integer> toRelease(List<Integer> held, int totalSegments, int liveInstances) {
        if (liveInstances <= 1) {
            return List.of();
        }
        int surplus = held.size() - fairShare(totalSegments, liveInstances);
        if (surplus <= 0) {
            return List.of();
        }
        return held.stream().sorted(java.util.Comparator.reverseOrder()).limit(surplus).toList();
    }
}
