package io.refundledger.query.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Folds day cells, of one person or of a whole team, into figures for a period. Pure; not thread-safe. */
final class KpiTally {

    private long handled;
    private long approved;
    private long rejected;
    private long secondApprovals;
    private long secondRejections;
    private final List<Long> reviewSeconds = new ArrayList<>();
    private final List<Long> endToEndSeconds = new ArrayList<>();
    private long slaBreaches;
    private long informationRequests;
    private long ratingSum;
    private long ratings;
    private long reopened;

    KpiTally add(StaffDayCell cell) {
        handled += cell.handled();
        approved += cell.approved();
        rejected += cell.rejected();
        secondApprovals += cell.secondApprovals();
        secondRejections += cell.secondRejections();
        reviewSeconds.addAll(cell.reviewSeconds());
        endToEndSeconds.addAll(cell.endToEndSeconds());
        slaBreaches += cell.slaBreaches();
        informationRequests += cell.informationRequests();
        ratingSum += cell.ratingSum();
        ratings += cell.ratings();
        reopened += cell.reopened();
        return this;
    }

    StaffKpiFigures figures() {
        List<Long> reviews = sorted(reviewSeconds);
        List<Long> endToEnd = sorted(endToEndSeconds);
        return new StaffKpiFigures(handled, approved, rejected, rate(approved, handled), secondApprovals, secondRejections,
                reviews.size(), percentile(reviews, 50), percentile(reviews, 90),
                endToEnd.size(), percentile(endToEnd, 50), percentile(endToEnd, 90),
                slaBreaches, informationRequests,
                ratings, ratings == 0 ? null : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(ratings), 2, RoundingMode.HALF_UP),
                reopened, rate(reopened, rejected));
    }

    /** Nearest rank: the smallest measured value with at least {@code percent}% of the values at or below it. */
    static Long percentile(List<Long> sortedValues, int percent) {
        if (sortedValues.isEmpty()) {
            return null;
        }
        // ceil(percent * n / 100) in integers: floating point would put 0.9 * 30 at rank 28.
        long rank = ((long) percent * sortedValues.size() + 99) / 100;
        return sortedValues.get((int) Math.max(rank, 1) - 1);
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }
}
