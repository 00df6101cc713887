package io.refundledger.query.kpi;

import java.math.BigDecimal;

/**
 * One staff member's (or one team's) figures over one period. Durations are whole seconds. Medians and p90s are
 * nearest rank over the durations counted in log-scale buckets ({@link io.refundledger.query.analytics.DurationBuckets}):
 * the value the bucket of the ranked duration stands for, within 1 % of it. Cells keep such bucket counts instead of
 * every duration, as the refund analytics do, so a question over a quarter reads a bounded amount of data however many
 * decisions it spans. Rates are fractions from 0 to 1 with four decimals; a figure with nothing to compute it from is
 * null, never zero.
 *
 * @param handled              first-level decisions: approvals (including first approvals under four-eyes) and
 *                             rejections; each decision counts, so an application rejected and, after resubmission,
 *                             approved counts twice
 * @param approved             of those, approvals
 * @param rejected             of those, rejections (including a rejection after a failed inspection)
 * @param approvalRate         approved / handled
 * @param secondApprovals      second approvals given (four-eyes, finance), not part of handled
 * @param secondRejections     rejections at the second-approval stage, not part of handled
 * @param reviewsTimed         how many first-level decisions have a review time
 * @param medianReviewSeconds  review time: from the assignment to the decider (or, unassigned, from the submission
 *                             or resubmission that opened the review round) to the decision; within 1 %
 * @param p90ReviewSeconds     90th percentile of the same
 * @param paidOut              approvals whose money went out, each with an end-to-end time
 * @param medianEndToEndSeconds first submission to successful payout, for applications this person approved
 * @param p90EndToEndSeconds   90th percentile of the same
 * @param slaBreaches          escalations charged to this person (see {@link StaffContributions})
 * @param informationRequests  requests for more information this person sent
 * @param ratings              customer ratings of applications this person approved
 * @param averageRating        their average, 1 to 5, two decimals
 * @param reopened             of this person's rejections, how many were resubmitted
 * @param reopenedRate         reopened / rejected
 */
public record StaffKpiFigures(long handled, long approved, long rejected, BigDecimal approvalRate,
                              long secondApprovals, long secondRejections,
                              long reviewsTimed, Long medianReviewSeconds, Long p90ReviewSeconds,
                              long paidOut, Long medianEndToEndSeconds, Long p90EndToEndSeconds,
                              long slaBreaches, long informationRequests,
                              long ratings, BigDecimal averageRating,
                              long reopened, BigDecimal reopenedRate) {
}
