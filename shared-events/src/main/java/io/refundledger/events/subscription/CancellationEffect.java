package io.refundledger.events.subscription;

/** When a cancellation takes effect. Stored by name in events. */
public enum CancellationEffect {
    /** Service ends at the end of the day the cancellation is requested (business zone); that day counts as used. */
    IMMEDIATELY,
    /** Service runs to the end of the current term; nothing of the term is left unused. */
    END_OF_TERM
}
