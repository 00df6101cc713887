package io.refundledger.events.refund;

/** What the customer declared about use, which decides between a full and a prorated refund. */
public enum ProductUsage {
    /** Service never activated / goods unused: eligible for a full refund. */
    NOT_USED,
    /** Service used for part of its period / goods used. */
    USED,
    /** Not stated (applications recorded before usage was asked for). */
    NOT_STATED
}
