package io.refundledger.command.sla;

/** Where an SLA deadline stands. */
public enum DeadlineStatus {
    /** Running; escalated once past due. */
    OPEN,
    /** The review clock is stopped while the customer is asked for more information. */
    PAUSED,
    /** Past due and escalated (by this monitor, or recorded as such by the application); not escalated again. */
    ESCALATED,
    /** Met or no longer relevant (decided, paid, shipped, withdrawn). */
    CLOSED
}
