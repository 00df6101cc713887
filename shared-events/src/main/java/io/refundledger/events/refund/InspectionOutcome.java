package io.refundledger.events.refund;

/** 质检 result of returned goods. */
public enum InspectionOutcome {
    PASSED,
    FAILED
}
