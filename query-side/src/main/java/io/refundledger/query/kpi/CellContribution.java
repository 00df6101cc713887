package io.refundledger.query.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * What one event adds to one staff member's day: counters to add and durations (seconds) to append. Pure.
 */
record CellContribution(long handled, long approved, long rejected, long secondApprovals, long secondRejections,
                        List<Long> reviewSeconds, List<Long> endToEndSeconds, long slaBreaches,
                        long informationRequests, long ratingSum, long ratings, long reopened) {

    static final CellContribution NONE = new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, 0, 0);

    CellContribution {
        reviewSeconds = List.copyOf(reviewSeconds);
        endToEndSeconds = List.copyOf(endToEndSeconds);
    }

    static CellContribution approval(Long reviewSeconds) {
        return new CellContribution(1, 1, 0, 0, 0, listOf(reviewSeconds), List.of(), 0, 0, 0, 0, 0);
    }

    static CellContribution rejection(Long reviewSeconds) {
        return new CellContribution(1, 0, 1, 0, 0, listOf(reviewSeconds), List.of(), 0, 0, 0, 0, 0);
    }

    static CellContribution secondApproval() {
        return new CellContribution(0, 0, 0, 1, 0, List.of(), List.of(), 0, 0, 0, 0, 0);
    }

    static CellContribution secondRejection() {
        return new CellContribution(0, 0, 0, 0, 1, List.of(), List.of(), 0, 0, 0, 0, 0);
    }

    static CellContribution paidOut(long endToEndSeconds) {
        return new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(endToEndSeconds), 0, 0, 0, 0, 0);
    }

    static CellContribution slaBreach() {
        return new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(), 1, 0, 0, 0, 0);
    }

    static CellContribution informationRequest() {
        return new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(), 0, 1, 0, 0, 0);
    }

    static CellContribution rating(int rating) {
        return new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, rating, 1, 0);
    }

    static CellContribution reopening() {
        return new CellContribution(0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, 0, 1);
    }

    CellContribution plus(CellContribution other) {
        return new CellContribution(handled + other.handled, approved + other.approved, rejected + other.rejected,
                secondApprovals + other.secondApprovals, secondRejections + other.secondRejections,
                concat(reviewSeconds, other.reviewSeconds), concat(endToEndSeconds, other.endToEndSeconds),
                slaBreaches + other.slaBreaches, informationRequests + other.informationRequests,
                ratingSum + other.ratingSum, ratings + other.ratings, reopened + other.reopened);
    }

    private static List<Long> listOf(Long seconds) {
        return seconds == null ? List.of() : List.of(seconds);
    }

    static List<Long> concat(List<Long> a, List<Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
