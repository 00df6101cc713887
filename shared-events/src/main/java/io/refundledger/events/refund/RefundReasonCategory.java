package io.refundledger.events.refund;

/**
 * 退款原因分类. Stored by name in events: constants may be added, never renamed or removed.
 */
public enum RefundReasonCategory {
    PRODUCT_QUALITY,
    WRONG_ITEM,
    DAMAGED_IN_TRANSIT,
    NOT_AS_DESCRIBED,
    SERVICE_NOT_AS_EXPECTED,
    TECHNICAL_PROBLEMS,
    TOO_HARD_TO_USE,
    BUSINESS_CHANGE,
    PRICE_CHANGE,
    DUPLICATE_CHARGE,
    OTHER
}
