package io.refundledger.events.subscription;

/** 退订原因, the cancellation reasons the guides name. Stored by name in events: add constants, never rename. */
public enum CancellationReason {
    NO_LONGER_NEEDED,
    SYSTEM_PERFORMANCE,
    CONTRACT_TERMS,
    SWITCHED_PROVIDER,
    PRICE,
    OTHER
}
