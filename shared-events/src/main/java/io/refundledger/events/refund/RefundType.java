package io.refundledger.events.refund;

/** Stored by name in events: never rename a constant. */
public enum RefundType {
    REFUND_ONLY,
    /** 售后退货: goods come back before the money goes out. */
    RETURN_AND_REFUND,
    /** 换货: a replacement is shipped instead of money. */
    EXCHANGE
}
