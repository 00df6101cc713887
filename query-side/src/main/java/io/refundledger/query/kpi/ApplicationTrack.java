package io.refundledger.query.kpi;

import java.time.Instant;

/**
 * What the staff KPIs remember of one application, for the events that come later: whose desk it is on and
 * since when, who decided, and which day cell each decision went to. Stored in {@code staff_kpi_applications}
 * ({@code _id} = application id).
 *
 * @param submittedAt         the first submission, where end-to-end time starts
 * @param reviewSince         when the current review round began: the last submission or resubmission, or
 *                            the receipt of returned goods (a failed inspection is decided after it)
 * @param assignedReviewer    the reviewer it is assigned to, or null
 * @param assignedAt          since when
 * @param approvedBy          who gave the first-level approval that stands (under four-eyes, the first approver)
 * @param approvalDay         the day cell that approval went to; payout time and rating are added there
 * @param rejectedBy          who gave the first-level rejection that stands, until a resubmission reopens it
 * @param rejectionDay        the day cell that rejection went to; a reopening is counted there
 * @param lastDecidedBy       who made the last decision (approval at either level, or rejection)
 * @param payoutStartedBy     who started the latest payout attempt
 * @param lastAppliedPosition global position of the last event applied
 */
record ApplicationTrack(String applicationId, Instant submittedAt, Instant reviewSince, String assignedReviewer,
                        Instant assignedAt, Stage stage, String approvedBy, String approvalDay, String rejectedBy,
                        String rejectionDay, String lastDecidedBy, String payoutStartedBy, long lastAppliedPosition) {

    /** Where the decisions stand; decides whether an approval or rejection is first- or second-level. */
    enum Stage { REVIEW, SECOND_APPROVAL, DECIDED }

    /** For an application whose submission this projection never saw; nothing is attributed from its absence. */
    static ApplicationTrack unknown(String applicationId) {
        return new ApplicationTrack(applicationId, null, null, null, null, Stage.REVIEW, null, null, null, null, null, null, 0);
    }

    ApplicationTrack submitted(Instant at) {
        return new ApplicationTrack(applicationId, at, at, assignedReviewer, assignedAt, Stage.REVIEW, null, null, null,
                null, lastDecidedBy, null, lastAppliedPosition);
    }

    ApplicationTrack resubmitted(Instant at) {
        return new ApplicationTrack(applicationId, submittedAt, at, assignedReviewer, assignedAt, Stage.REVIEW, null, null,
                null, null, lastDecidedBy, null, lastAppliedPosition);
    }

    ApplicationTrack assigned(String reviewer, Instant at) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, reviewer, at, stage, approvedBy, approvalDay,
                rejectedBy, rejectionDay, lastDecidedBy, payoutStartedBy, lastAppliedPosition);
    }

    ApplicationTrack firstApproved(String staffId, String day) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, Stage.SECOND_APPROVAL,
                staffId, day, null, null, staffId, payoutStartedBy, lastAppliedPosition);
    }

    ApplicationTrack approved(String staffId, String day) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, Stage.DECIDED,
                staffId, day, null, null, staffId, payoutStartedBy, lastAppliedPosition);
    }

    ApplicationTrack secondApproved(String staffId) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, Stage.DECIDED,
                approvedBy, approvalDay, null, null, staffId, payoutStartedBy, lastAppliedPosition);
    }

    /** The approval no longer stands; the rejection does, unless it came at the second stage (not reopenable). */
    ApplicationTrack rejected(String staffId, String day, boolean reopenable) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, Stage.DECIDED,
                null, null, reopenable ? staffId : null, reopenable ? day : null, staffId, payoutStartedBy, lastAppliedPosition);
    }

    ApplicationTrack goodsReceived(Instant at) {
        return new ApplicationTrack(applicationId, submittedAt, at, assignedReviewer, assignedAt, stage, approvedBy,
                approvalDay, rejectedBy, rejectionDay, lastDecidedBy, payoutStartedBy, lastAppliedPosition);
    }

    ApplicationTrack payoutStarted(String staffId) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, stage, approvedBy,
                approvalDay, rejectedBy, rejectionDay, lastDecidedBy, staffId, lastAppliedPosition);
    }

    ApplicationTrack at(long position) {
        return new ApplicationTrack(applicationId, submittedAt, reviewSince, assignedReviewer, assignedAt, stage, approvedBy,
                approvalDay, rejectedBy, rejectionDay, lastDecidedBy, payoutStartedBy, position);
    }
}
