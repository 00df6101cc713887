package io.refundledger.query.analytics.refund;

/** Where an application stands for the approval rate. Stored by name. */
public enum RefundOutcome {
    /** Not decided yet, or reopened by a resubmission. */
    OPEN,
    /** Approved (and possibly paid out or exchanged since). */
    APPROVED,
    /** Rejected; a resubmission reopens it. */
    REJECTED,
    /** Withdrawn by the customer side; final. */
    WITHDRAWN
}
