package io.refundledger.events.refund;

/** 待审核 / 审核通过 / 已拒绝 … as shown to customers and staff. */
public enum RefundStatus {
    SUBMITTED,
    APPROVED,
    REJECTED
}
