package io.refundledger.query.kpi;

import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.SatisfactionRated;
import io.refundledger.query.kpi.ApplicationTrack.Stage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who an event credits, on which business day, with what. Pure: the projection stores the results.
 *
 * <ul>
 *   <li>Decisions go to the decider's cell on the day of the decision. A first-level decision (approval,
 *   first approval under four-eyes, rejection under review or after a failed inspection) counts as handled,
 *   with its review time; finance's second approvals and second-stage rejections are counted apart.</li>
 *   <li>Review time runs from the later of the round's start (submission, resubmission, goods received) and
 *   the assignment to the decider; when the decider is not the assigned reviewer, from the round's start.
 *   Time waiting for the customer's information counts: the case was on the reviewer's desk.</li>
 *   <li>What comes of a decision goes to the decision's cell, so a period describes the decisions made in it:
 *   end-to-end time (first submission to successful payout) and the rating to the first-level approver's
 *   approval; a resubmission, as a reopening, to the rejection it reopened.</li>
 *   <li>An escalation is a breach by whoever held the application: for the REVIEW deadline the assigned
 *   reviewer (unassigned, nobody is charged); for PAYOUT whoever started the latest payout attempt, else
 *   whoever made the last approval. Charged on the day of the escalation.</li>
 *   <li>An information request goes to its sender on the day it was sent.</li>
 * </ul>
 * The {@value #SYSTEM_ACTOR} actor (scheduled jobs) and events without an actor credit nobody.
 */
final class StaffContributions {

    static final String SYSTEM_ACTOR = "system";

    private final ZoneId businessZone;

    StaffContributions(ZoneId businessZone) {
        this.businessZone = businessZone;
    }

    /** The track after the event, and what each staff member's day cell gains, keyed by {@code day|staffId}. */
    record Outcome(ApplicationTrack track, Map<String, Credit> credits) {
    }

    /** A contribution to one staff member's day cell (and so to the week and month cells holding that day). */
    record Credit(String day, String staffId, StaffKpiTotals contribution) {

        LocalDate date() {
            return LocalDate.parse(day);
        }
    }

    Outcome apply(ApplicationTrack before, Object event, String actor) {
        ApplicationTrack track = before == null ? ApplicationTrack.unknown(applicationIdOf(event)) : before;
        Map<String, Credit> credits = new LinkedHashMap<>();
        String staff = isStaff(actor) ? actor : null;
        ApplicationTrack after;
        if (event instanceof RefundApplicationSubmitted e) {
            after = track.submitted(e.submittedAt());
        } else if (event instanceof RefundApplicationResubmitted e) {
            if (track.rejectedBy() != null) {
                credit(credits, track.rejectionDay(), track.rejectedBy(), StaffKpiTotals.reopening());
            }
            after = track.resubmitted(e.resubmittedAt());
        } else if (event instanceof RefundApplicationAssigned e) {
            after = track.assigned(e.reviewerId(), e.assignedAt());
        } else if (event instanceof MoreInformationRequested e) {
            credit(credits, dayOf(e.requestedAt()), staff, StaffKpiTotals.informationRequest());
            after = track;
        } else if (event instanceof FirstApprovalGiven e) {
            String day = dayOf(e.approvedAt());
            credit(credits, day, staff, StaffKpiTotals.approval(reviewSeconds(track, staff, e.approvedAt())));
            after = track.firstApproved(staff, day);
        } else if (event instanceof RefundApplicationApproved e) {
            String day = dayOf(e.approvedAt());
            if (e.firstApprovedBy() != null || track.stage() == Stage.SECOND_APPROVAL) {
                credit(credits, day, staff, StaffKpiTotals.secondApproval());
                after = track.secondApproved(staff);
            } else {
                credit(credits, day, staff, StaffKpiTotals.approval(reviewSeconds(track, staff, e.approvedAt())));
                after = track.approved(staff, day);
            }
        } else if (event instanceof RefundApplicationRejected e) {
            String day = dayOf(e.rejectedAt());
            if (track.stage() == Stage.SECOND_APPROVAL) {
                credit(credits, day, staff, StaffKpiTotals.secondRejection());
                after = track.rejected(staff, day, false);
            } else {
                credit(credits, day, staff, StaffKpiTotals.rejection(reviewSeconds(track, staff, e.rejectedAt())));
                after = track.rejected(staff, day, true);
            }
        } else if (event instanceof ReturnReceived e) {
            after = track.goodsReceived(e.receivedAt());
        } else if (event instanceof PayoutStarted) {
            after = track.payoutStarted(staff);
        } else if (event instanceof PayoutSucceeded e) {
            if (track.approvedBy() != null && track.submittedAt() != null) {
                credit(credits, track.approvalDay(), track.approvedBy(),
                        StaffKpiTotals.paidOut(secondsBetween(track.submittedAt(), e.succeededAt())));
            }
            after = track;
        } else if (event instanceof SatisfactionRated e) {
            if (track.approvedBy() != null) {
                credit(credits, track.approvalDay(), track.approvedBy(), StaffKpiTotals.rating(e.rating()));
            }
            after = track;
        } else if (event instanceof RefundApplicationEscalated e) {
            credit(credits, dayOf(e.escalatedAt()), heldBy(track, e.deadline()), StaffKpiTotals.slaBreach());
            after = track;
        } else {
            throw new IllegalArgumentException("Staff KPIs do not follow " + event.getClass().getName());
        }
        return new Outcome(after, credits);
    }

    /** The business day an instant falls on, as stored in cell keys. */
    String dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, businessZone).toString();
    }

    static boolean isStaff(String actor) {
        return actor != null && !actor.isBlank() && !SYSTEM_ACTOR.equals(actor);
    }

    private static String heldBy(ApplicationTrack track, DeadlineKind deadline) {
        if (deadline == DeadlineKind.REVIEW) {
            return track.assignedReviewer();
        }
        return track.payoutStartedBy() != null ? track.payoutStartedBy() : track.lastDecidedBy();
    }

    private static Long reviewSeconds(ApplicationTrack track, String decider, Instant decidedAt) {
        Instant since = track.reviewSince();
        if (decider != null && decider.equals(track.assignedReviewer()) && track.assignedAt() != null
                && (since == null || track.assignedAt().isAfter(since))) {
            since = track.assignedAt();
        }
        return since == null ? null : secondsBetween(since, decidedAt);
    }

    /** Never negative: clocks of different machines may disagree by a little. */
    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    private static void credit(Map<String, Credit> credits, String day, String staffId, StaffKpiTotals contribution) {
        if (day == null || !isStaff(staffId)) {
            return;
        }
        credits.merge(day + "|" + staffId, new Credit(day, staffId, contribution),
                (a, b) -> new Credit(day, staffId, a.contribution().plus(b.contribution())));
    }

    private static String applicationIdOf(Object event) {
        try {
            return (String) event.getClass().getMethod("applicationId").invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Not a refund event: " + event, e);
        }
    }
}
